"""Geometric augmentations for training and testing CNNs, on batches.

Random affine warps (rotation, shift, zoom), random erasing and the ten
crops of test-time augmentation. One :func:`scipy.ndimage.map_coordinates`
call warps a whole batch, so a 64-image batch costs a few milliseconds.
"""

import numpy as np
from scipy import ndimage

from ..utils import check_generator
from ._augment import _check_range, _resize_batch


def random_affine(images, rotation=10.0, shift=0.1, zoom=0.1, *, random_state=None):
    """Rotate, shift and zoom each image by amounts drawn per image.

    Pixels that come from outside the image repeat the nearest edge pixel,
    and values are interpolated bilinearly.

    Parameters
    ----------
    images : ndarray of shape (n_images, height, width)
        Gray images, integer or float.
    rotation : float, default=10.0
        Largest rotation in degrees, drawn uniformly in ``[-rotation, rotation]``.
    shift : float, default=0.1
        Largest shift as a fraction of the height (rows) and width (columns),
        each drawn uniformly in ``[-shift, shift]``.
    zoom : float, default=0.1
        Largest change of scale: the scale is drawn uniformly in
        ``[1 - zoom, 1 + zoom]``; above 1 enlarges the face.
    random_state : int, RandomState instance, Generator or None, default=None
        Seed or generator of the warps.

    Returns
    -------
    warped : ndarray of shape (n_images, height, width), same dtype

    Examples
    --------
    >>> import numpy as np
    >>> from skfer.augment import random_affine
    >>> images = np.full((3, 48, 48), 90, dtype=np.uint8)
    >>> out = random_affine(images, random_state=0)
    >>> out.shape, out.dtype.name, bool((out == 90).all())
    ((3, 48, 48), 'uint8', True)
    """
    rng = check_generator(random_state)
    images = np.asarray(images)
    n, h, w = images.shape
    angle = np.deg2rad(rng.uniform(-rotation, rotation, n))
    scale = rng.uniform(1 - zoom, 1 + zoom, n)
    offset = rng.uniform(-shift, shift, (n, 2)) * (h, w)
    # Output pixel p samples the input at R(-angle) (p - centre) / scale
    # + centre - offset: the inverse of the forward warp.
    cos, sin = np.cos(angle) / scale, np.sin(angle) / scale
    rows, cols = np.mgrid[:h, :w].astype(np.float32)
    r, c = rows - (h - 1) / 2, cols - (w - 1) / 2
    src_r = cos[:, None, None] * r + sin[:, None, None] * c
    src_c = -sin[:, None, None] * r + cos[:, None, None] * c
    src_r += (h - 1) / 2 - offset[:, 0, None, None]
    src_c += (w - 1) / 2 - offset[:, 1, None, None]
    index = np.broadcast_to(np.arange(n, dtype=np.float32)[:, None, None], src_r.shape)
    warped = ndimage.map_coordinates(
        images.astype(np.float32), [index, src_r, src_c], order=1, mode="nearest"
    )
    return _as_dtype(warped, images.dtype)


def random_erasing(
    images, probability=0.5, area=(0.02, 0.2), aspect=(0.3, 3.3), *, random_state=None
):
    """Fill a random rectangle of some images with random gray levels.

    Random erasing (Zhong et al., 2020): with ``probability``, a rectangle
    covering a fraction of the image drawn from ``area``, with a height to
    width ratio drawn log-uniformly from ``aspect``, is replaced by uniform
    noise over the value range.

    Parameters
    ----------
    images : ndarray of shape (n_images, height, width)
        Gray images, integer or float (float images in [0, 1]).
    probability : float, default=0.5
        Chance that an image gets a rectangle.
    area : tuple of (float, float), default=(0.02, 0.2)
        Range of the rectangle's area as a fraction of the image.
    aspect : tuple of (float, float), default=(0.3, 3.3)
        Range of the rectangle's height / width.
    random_state : int, RandomState instance, Generator or None, default=None
        Seed or generator of the rectangles and their contents.

    Returns
    -------
    erased : ndarray of shape (n_images, height, width), same dtype

    Examples
    --------
    >>> import numpy as np
    >>> from skfer.augment import random_erasing
    >>> images = np.zeros((4, 48, 48), dtype=np.uint8)
    >>> out = random_erasing(images, probability=1.0, random_state=0)
    >>> [bool(o.any()) for o in out]
    [True, True, True, True]
    """
    rng = check_generator(random_state)
    images = np.array(images)
    n, h, w = images.shape
    lo, hi = _check_range(area, "area", 0.0, 1.0)
    log_aspect = np.log(_check_range(aspect, "aspect", 0.0))
    chosen = np.flatnonzero(rng.random(n) < probability)
    size = rng.uniform(lo, hi, len(chosen)) * h * w
    ratio = np.exp(rng.uniform(*log_aspect, len(chosen)))
    eh = np.clip(np.rint(np.sqrt(size * ratio)), 1, h).astype(int)
    ew = np.clip(np.rint(np.sqrt(size / ratio)), 1, w).astype(int)
    top = rng.integers(0, h - eh + 1)
    left = rng.integers(0, w - ew + 1)
    high = 256 if np.issubdtype(images.dtype, np.integer) else 1.0
    for i, t, lft, hh, ww in zip(chosen, top, left, eh, ew):
        noise = rng.uniform(0, high, (hh, ww))
        images[i, t : t + hh, lft : lft + ww] = _as_dtype(noise, images.dtype)
    return images


def ten_crop(images, fraction=0.9):
    """The ten crops of test-time augmentation, each resized to full size.

    The four corner crops and the centre crop of side ``fraction`` of the
    image, and the mirror image of each, resized back to ``(height, width)``
    bilinearly, so that a network made for full-size images can score them.

    Parameters
    ----------
    images : ndarray of shape (n_images, height, width)
        Gray images.
    fraction : float, default=0.9
        Side of each crop as a fraction of the image side, in (0, 1].

    Returns
    -------
    crops : ndarray of shape (10, n_images, height, width), same dtype
        Crop ``k`` of every image: top-left, top-right, bottom-left,
        bottom-right, centre, then the same five mirrored.

    Examples
    --------
    >>> import numpy as np
    >>> from skfer.augment import ten_crop
    >>> crops = ten_crop(np.full((2, 48, 48), 7, dtype=np.uint8))
    >>> crops.shape, bool((crops == 7).all())
    ((10, 2, 48, 48), True)
    """
    images = np.asarray(images)
    if not 0 < fraction <= 1:
        raise ValueError(f"fraction must be in (0, 1], got {fraction!r}.")
    n, h, w = images.shape
    ch, cw = max(1, round(fraction * h)), max(1, round(fraction * w))
    starts = [(0, 0), (0, w - cw), (h - ch, 0), (h - ch, w - cw),
              ((h - ch) // 2, (w - cw) // 2)]
    crops = [
        _resize_batch(images[:, r : r + ch, c : c + cw], (h, w), images.dtype)
        for r, c in starts
    ]
    crops += [crop[:, :, ::-1] for crop in crops]
    return np.stack(crops)


def _as_dtype(values, dtype):
    if np.issubdtype(dtype, np.integer):
        info = np.iinfo(dtype)
        values = np.clip(np.rint(values), info.min, info.max)
    return values.astype(dtype)
