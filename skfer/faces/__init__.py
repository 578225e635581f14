"""Finding faces in photos (MTCNN or the LBP cascade), aligning and
cropping them to the FER2013 format; :func:`skfer.utils.read_image` reads
the photos.

TensorFlow is imported by the first MTCNN detection, not by this module.
"""

from ._detectors import LANDMARKS, CascadeDetector, MTCNNDetector, check_detector
from ._faces import FRAMING, crop_face, detect_faces, extract_faces, eye_angle

__all__ = [
    "FRAMING",
    "LANDMARKS",
    "CascadeDetector",
    "MTCNNDetector",
    "check_detector",
    "crop_face",
    "detect_faces",
    "extract_faces",
    "eye_angle",
]
