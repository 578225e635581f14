"""Find faces in photos and crop them to the FER2013 format (48x48 gray)."""

from pathlib import Path

import numpy as np
from sklearn.utils import Bunch

from ..utils import check_image_shape, read_gray, read_image
from ._detectors import check_detector

#: How FER2013 frames a face, relative to each detector's box: the crop is a
#: square of side ``max(h, w) * (1 + 2 * margin)`` whose centre sits
#: ``shift`` box sides below the box's centre. Measured on Training faces
#: pasted into photos, not chosen by eye (the results page has the table):
#: ``cd benchmarks && python bench_detection.py --framing --n-faces 60``.
#: MTCNN's box is about as tall as FER2013's crop (side ratio 0.954), the
#: cascade's a little smaller (1.161); both centres agree within 1%.
FRAMING = {
    "MTCNNDetector": {"margin": -0.02, "shift": 0.0},
    "CascadeDetector": {"margin": 0.08, "shift": 0.0},
}


def detect_faces(image, *, detector="mtcnn"):
    """Find the faces of a photo.

    Parameters
    ----------
    image : str, path-like or ndarray
        A photo of any size, gray or color, or its file path (read with
        :func:`skfer.utils.read_image`: EXIF orientation applied).
    detector : {"mtcnn", "cascade"} or detector object, default="mtcnn"
        :class:`MTCNNDetector` (a CNN, with landmarks) or
        :class:`CascadeDetector` (scikit-image's LBP cascade, no
        TensorFlow), by name with their default thresholds, or configured.

    Returns
    -------
    faces : Bunch
        ``boxes`` int (n_faces, 4) ``(row, col, height, width)``, largest
        first (empty when no face is found); ``scores`` (n_faces,), the
        detector's confidence in [0, 1] (NaN for the cascade);
        ``landmarks`` (n_faces, 5, 2) or None.

    Examples
    --------
    >>> from skimage import data
    >>> from skfer.faces import detect_faces
    >>> detect_faces(data.astronaut(), detector="cascade").boxes.tolist()
    [[64, 172, 103, 103]]
    """
    return check_detector(detector).detect(image)


def crop_face(
    gray, box, *, image_shape=(48, 48), margin=0.1, shift=0.0, landmarks=None
):
    """Cut one face out of a gray photo, eyes level, at ``image_shape``.

    The crop is a square centred on the box, so that a face keeps its
    proportions; beyond the photo's border the edge pixels are repeated.

    Parameters
    ----------
    gray : ndarray of shape (height, width)
        Gray photo, float in [0, 1] (see :func:`skfer.utils.read_gray`).
    box : array-like of shape (4,)
        ``(row, col, height, width)`` of the face.
    image_shape : tuple of (int, int), default=(48, 48)
        Output size.
    margin : float, default=0.1
        Fraction of the box's longer side added on each side.
    shift : float, default=0.0
        Move of the crop's centre below the box's centre, in box sides
        (negative: up).
    landmarks : array-like of shape (5, 2), default=None
        ``(row, col)`` landmarks, the two eyes first (as
        :class:`MTCNNDetector` gives them): the crop is turned about the
        face's centre until the eyes are level. None: no turn.

    Returns
    -------
    face : ndarray of shape (height * width,), uint8
        The face, flattened as every skfer estimator expects.

    Examples
    --------
    >>> import numpy as np
    >>> from skfer.faces import crop_face
    >>> crop_face(np.ones((100, 100)), (10, 10, 50, 50)).shape
    (2304,)
    """
    from skimage.transform import resize, rotate
    from skimage.util import img_as_ubyte

    image_shape = check_image_shape(image_shape)
    r, c, h, w = (float(v) for v in box)
    side = max(h, w) * (1 + 2 * margin)
    centre = (r + h / 2 + shift * max(h, w), c + w / 2)
    angle = 0.0 if landmarks is None else eye_angle(landmarks)
    # A turned square needs the corners of a window sqrt(2) times wider.
    reach = side * (np.sqrt(2) if angle else 1.0)
    window = _window(gray, centre, int(round(reach)))
    if angle:
        window = rotate(window, angle, mode="edge")
        trim = (window.shape[0] - int(round(side))) // 2
        window = window[trim : window.shape[0] - trim, trim : window.shape[1] - trim]
    face = resize(window, image_shape, anti_aliasing=True)
    return img_as_ubyte(np.clip(face, 0, 1)).ravel()


def eye_angle(landmarks):
    """Degrees to turn a face counter-clockwise to level its eyes.

    Examples
    --------
    >>> from skfer.faces import eye_angle
    >>> eye_angle([(100, 50), (110, 60), (0, 0), (0, 0), (0, 0)])
    45.0
    """
    (r1, c1), (r2, c2) = np.asarray(landmarks, dtype=float)[:2]
    return float(np.degrees(np.arctan2(r2 - r1, c2 - c1)))


def _window(gray, centre, side):
    side = max(side, 1)
    top = int(round(centre[0] - side / 2))
    left = int(round(centre[1] - side / 2))
    rows = slice(max(top, 0), max(min(top + side, gray.shape[0]), 0))
    cols = slice(max(left, 0), max(min(left + side, gray.shape[1]), 0))
    part = gray[rows, cols]
    if part.size == 0:
        return np.full((side, side), float(gray.mean()))
    pad = (
        (rows.start - top, top + side - rows.stop),
        (cols.start - left, left + side - cols.stop),
    )
    return np.pad(part, pad, mode="edge")


def extract_faces(
    images,
    *,
    detector="mtcnn",
    align=True,
    image_shape=(48, 48),
    margin=None,
    shift=None,
):
    """Find and crop every face of several photos.

    Parameters
    ----------
    images : list of (str, path-like or ndarray)
        Photos or their file paths.
    detector : {"mtcnn", "cascade"} or detector object, default="mtcnn"
        See :func:`detect_faces`.
    align : bool, default=True
        Level the eyes before cropping, where the detector gives landmarks.
    image_shape : tuple of (int, int), default=(48, 48)
        Size of each cropped face.
    margin, shift : float, default=None
        See :func:`crop_face`; None: the framing measured for the detector
        (``skfer.faces.FRAMING``), which matches FER2013's crops.

    Returns
    -------
    faces : Bunch
        - ``data``: uint8 ndarray of shape (n_faces, height * width), ready
          for ``model.predict``;
        - ``boxes``: int ndarray of shape (n_faces, 4), ``(row, col, height,
          width)`` in the photo, largest first within each photo;
        - ``scores``: float ndarray of shape (n_faces,), see
          :func:`detect_faces`;
        - ``source``: int ndarray of shape (n_faces,), index of the photo;
        - ``names``: a name per photo (its path, or ``"image <i>"``);
        - ``no_face``: names of the photos where no face was found.

    Examples
    --------
    >>> import numpy as np
    >>> from skimage import data
    >>> from skfer.faces import extract_faces
    >>> faces = extract_faces([data.astronaut(), np.zeros((64, 64))])
    >>> faces.data.shape, faces.source.tolist(), faces.no_face
    ((1, 2304), [0], ['image 1'])
    """
    detector = check_detector(detector)
    framing = framing_of(detector, margin=margin, shift=shift)
    names = [
        str(im) if isinstance(im, (str, Path)) else f"image {i}"
        for i, im in enumerate(images)
    ]
    pixels = [read_image(im) for im in images]
    found = detector.detect_many(pixels)
    rows, boxes, scores, source = [], [], [], []
    for i, (photo, faces) in enumerate(zip(pixels, found)):
        gray = read_gray(photo)
        for k, box in enumerate(faces.boxes):
            marks = (
                faces.landmarks[k] if align and faces.landmarks is not None else None
            )
            rows.append(
                crop_face(
                    gray, box, image_shape=image_shape, landmarks=marks, **framing
                )
            )
        boxes.extend(faces.boxes)
        scores.extend(faces.scores)
        source.extend([i] * len(faces.boxes))
    n_pixels = int(np.prod(check_image_shape(image_shape)))
    return Bunch(
        data=np.array(rows, dtype=np.uint8).reshape(-1, n_pixels),
        boxes=np.array(boxes, dtype=int).reshape(-1, 4),
        scores=np.array(scores, dtype=float),
        source=np.array(source, dtype=int),
        names=names,
        no_face=[n for i, n in enumerate(names) if i not in set(source)],
    )


def framing_of(detector, *, margin=None, shift=None):
    """``margin`` and ``shift`` for ``detector``'s boxes, measured unless given."""
    measured = FRAMING.get(type(detector).__name__, {"margin": 0.0, "shift": 0.0})
    return {
        "margin": measured["margin"] if margin is None else margin,
        "shift": measured["shift"] if shift is None else shift,
    }
