"""Find faces in photos and crop them to the FER2013 format (48x48 gray)."""

from pathlib import Path

import numpy as np
from sklearn.utils import Bunch

from ..utils import read_gray

_DETECTOR = None


def _detector():
    # Loading the cascade parses an XML file: do it once per process.
    global _DETECTOR
    if _DETECTOR is None:
        from skimage import data
        from skimage.feature import Cascade

        _DETECTOR = Cascade(data.lbp_frontal_face_cascade_filename())
    return _DETECTOR


def detect_faces(image, *, min_size=None, scale_factor=1.2, step_ratio=1.0):
    """Find frontal faces with scikit-image's bundled LBP cascade.

    Parameters
    ----------
    image : str, path-like or ndarray
        A photo of any size, gray or color, or its file path.
    min_size : int, default=None
        Smallest face side searched, in pixels; None: a tenth of the image's
        shorter side, at least 24.
    scale_factor : float, default=1.2
        Step between the window sizes searched.
    step_ratio : float, default=1.0
        Window stride as a fraction of the window size at each scale.

    Returns
    -------
    boxes : ndarray of shape (n_faces, 4)
        ``(row, col, height, width)`` of each face, top-left first; empty
        when no face is found.

    Examples
    --------
    >>> from skimage import data
    >>> from skfer.faces import detect_faces
    >>> detect_faces(data.astronaut()).tolist()
    [[64, 172, 103, 103]]
    """
    gray = read_gray(image)
    side = min(gray.shape)
    min_side = max(24, side // 10) if min_size is None else int(min_size)
    if min_side > side:
        return np.empty((0, 4), dtype=int)
    found = _detector().detect_multi_scale(
        img=gray,
        scale_factor=scale_factor,
        step_ratio=step_ratio,
        min_size=(min_side, min_side),
        max_size=(side, side),
    )
    boxes = [(f["r"], f["c"], f["height"], f["width"]) for f in found]
    return np.array(sorted(boxes), dtype=int).reshape(-1, 4)


def crop_face(gray, box, *, image_shape=(48, 48), margin=0.1):
    """Cut one face out of a gray photo and resize it to ``image_shape``.

    Parameters
    ----------
    gray : ndarray of shape (height, width)
        Gray photo, float in [0, 1] (see :func:`read_gray`).
    box : array-like of shape (4,)
        ``(row, col, height, width)`` of the face.
    image_shape : tuple of (int, int), default=(48, 48)
        Output size.
    margin : float, default=0.1
        Fraction of the box added on each side (FER2013 crops show a little
        forehead and chin); clipped at the photo's border.

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
    from skimage.transform import resize
    from skimage.util import img_as_ubyte

    r, c, h, w = (int(v) for v in box)
    dr, dc = int(round(h * margin)), int(round(w * margin))
    window = gray[max(r - dr, 0) : r + h + dr, max(c - dc, 0) : c + w + dc]
    face = resize(window, image_shape, anti_aliasing=True)
    return img_as_ubyte(np.clip(face, 0, 1)).ravel()


def extract_faces(images, *, image_shape=(48, 48), margin=0.1, min_size=None):
    """Find and crop every face of several photos.

    Parameters
    ----------
    images : list of (str, path-like or ndarray)
        Photos or their file paths.
    image_shape : tuple of (int, int), default=(48, 48)
        Size of each cropped face.
    margin : float, default=0.1
        See :func:`crop_face`.
    min_size : int, default=None
        See :func:`detect_faces`.

    Returns
    -------
    faces : Bunch
        - ``data``: uint8 ndarray of shape (n_faces, height * width), ready
          for ``model.predict``;
        - ``boxes``: int ndarray of shape (n_faces, 4), ``(row, col, height,
          width)`` in the photo;
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
    names = [
        str(im) if isinstance(im, (str, Path)) else f"image {i}"
        for i, im in enumerate(images)
    ]
    rows, boxes, source = [], [], []
    for i, image in enumerate(images):
        gray = read_gray(image)
        for box in detect_faces(gray, min_size=min_size):
            rows.append(crop_face(gray, box, image_shape=image_shape, margin=margin))
            boxes.append(box)
            source.append(i)
    n_pixels = image_shape[0] * image_shape[1]
    return Bunch(
        data=np.array(rows, dtype=np.uint8).reshape(-1, n_pixels),
        boxes=np.array(boxes, dtype=int).reshape(-1, 4),
        source=np.array(source, dtype=int),
        names=names,
        no_face=[n for i, n in enumerate(names) if i not in set(source)],
    )
