"""The one image convention: rows of flattened pixels plus an ``image_shape``."""

import numbers
from pathlib import Path

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
        A file path, or an array of shape (height, width), (height, width, 1)
        or (height, width, 2) (gray, with alpha), (height, width, 3) or
        (height, width, 4), integer or float in [0, 1].

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
    from skimage import io

    name = None
    if isinstance(image, (str, Path)):
        name = str(image)
        try:
            image = io.imread(image)
        except Exception as exc:
            raise ValueError(f"Cannot read image {name}: {_why(exc)}") from exc
    try:
        return _gray(np.asarray(image))
    except ValueError as exc:
        if name is None:
            raise
        raise ValueError(f"Cannot use image {name}: {exc}") from None


def _why(exc):
    if isinstance(exc, OSError) and exc.errno:
        return exc.strerror  # no such file, a folder, permission denied
    text = str(exc).strip()
    detail = text.splitlines()[0] if text else type(exc).__name__
    if "Could not find a backend" in detail:
        # imageio's words for "no decoder recognises these bytes".
        detail = "no decoder recognises it"
    return f"not a readable image (empty, truncated or another format: {detail})"


def _gray(image):
    from skimage.color import rgb2gray, rgba2rgb
    from skimage.util import img_as_float

    if image.ndim == 3 and image.shape[-1] in (1, 2):
        # Gray, or gray and alpha: as RGBA, so that alpha is handled as for color.
        gray = image[..., :1]
        alpha = image[..., 1:] if image.shape[-1] == 2 else None
        image = gray[..., 0] if alpha is None else np.dstack([gray] * 3 + [alpha])
    if image.ndim == 3 and image.shape[-1] == 4:
        image = rgba2rgb(image)
    if image.ndim == 3 and image.shape[-1] == 3:
        image = rgb2gray(image)
    if image.ndim != 2 or min(image.shape) < 1:
        frames = " (several frames: an animation or a multi-page file?)"
        raise ValueError(
            f"Expected a gray (h, w) or color (h, w, 3|4) image, got shape "
            f"{image.shape}{frames if image.ndim > 2 else ''}."
        )
    if image.dtype.kind not in "uifb":
        raise ValueError(f"Expected an image of numbers, got dtype {image.dtype}.")
    image = img_as_float(image)
    if not (np.isfinite(image).all() and 0 <= image.min() and image.max() <= 1):
        raise ValueError(
            f"Float images must lie in [0, 1], got values from "
            f"{np.nanmin(image):g} to {np.nanmax(image):g}."
        )
    return image
