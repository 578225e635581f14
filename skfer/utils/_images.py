"""The one image convention: rows of flattened pixels plus an ``image_shape``."""

import numbers

import numpy as np

#: FER2013's ``(height, width)``: the default ``image_shape`` of every step
#: that needs the picture.
IMAGE_SHAPE = (48, 48)


def check_image_shape(image_shape):
    """Validate ``image_shape`` and return it as a tuple of two ints.

    Parameters
    ----------
    image_shape : tuple of int of length 2
        ``(height, width)`` of one image.

    Returns
    -------
    image_shape : tuple of (int, int)

    Examples
    --------
    >>> from skfer.utils import check_image_shape
    >>> check_image_shape([48, 48])
    (48, 48)
    """
    try:
        shape = tuple(image_shape)
    except TypeError:
        shape = ()
    if len(shape) != 2 or not all(
        isinstance(s, numbers.Integral) and s > 0 for s in shape
    ):
        raise ValueError(
            f"image_shape must be (height, width) with two positive integers, "
            f"got {image_shape!r}."
        )
    return int(shape[0]), int(shape[1])


def to_images(X, image_shape):
    """View flattened images ``X`` as a batch of 2-D images.

    Parameters
    ----------
    X : ndarray of shape (n_samples, height * width) or (n_samples, height, width)
        Images, one per row.
    image_shape : tuple of (int, int) or None
        ``(height, width)`` of one image. None treats each row as a single
        line of pixels, ``(1, n_features)``.

    Returns
    -------
    images : ndarray of shape (n_samples, height, width)
        A view of ``X`` where possible, never a converted copy.

    Raises
    ------
    ValueError
        If the number of pixels per sample does not match ``image_shape``.

    Examples
    --------
    >>> import numpy as np
    >>> from skfer.utils import to_images
    >>> to_images(np.zeros((5, 12), dtype=np.uint8), (3, 4)).shape
    (5, 3, 4)
    """
    X = np.asarray(X)
    if image_shape is None and X.ndim == 2:
        return X.reshape(X.shape[0], 1, X.shape[1])
    h, w = check_image_shape(image_shape)
    if X.ndim == 3 and X.shape[1:] == (h, w):
        return X
    n_features = int(np.prod(X.shape[1:])) if X.ndim >= 2 else -1
    if X.ndim != 2 or n_features != h * w:
        raise ValueError(
            f"X has {n_features if X.ndim >= 2 else 'no'} features per sample "
            f"(shape {X.shape}), but image_shape={(h, w)} needs {h * w} "
            f"(= {h} x {w}). Pass image_shape matching your images."
        )
    return X.reshape(X.shape[0], h, w)


def read_gray(image):
    """Return a photo as a 2-D float image in [0, 1].

    Parameters
    ----------
    image : str, path-like or ndarray
        A file path, or an array as :func:`read_image` takes it.

    Returns
    -------
    gray : ndarray of shape (height, width), float64 in [0, 1]

    Raises
    ------
    ValueError
        If the file cannot be read as an image, holds several frames (an
        animated GIF, a multi-page TIFF) or float values outside [0, 1] (the
        message names the file), or the array is not an image.

    Examples
    --------
    >>> from skimage import data
    >>> from skfer.utils import read_gray
    >>> read_gray(data.astronaut()).shape
    (512, 512)
    """
    from skimage.color import rgb2gray
    from skimage.util import img_as_float

    from ._photos import read_image

    pixels = read_image(image)
    return rgb2gray(pixels) if pixels.ndim == 3 else img_as_float(pixels)
