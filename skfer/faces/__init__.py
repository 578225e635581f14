"""Face finding and cropping for real photos (scikit-image's LBP cascade)."""

from ._faces import crop_face, detect_faces, extract_faces, read_gray

__all__ = ["crop_face", "detect_faces", "extract_faces", "read_gray"]
