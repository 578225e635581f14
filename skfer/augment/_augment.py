"""Image augmentations of the original report, on batches of gray images.

Each function takes ``images`` of shape (n_images, height, width), returns a
new array of the same shape and dtype, and keeps values inside
``value_range``. Unless given, that is 0..255 for integer images whose values
all lie there (8-bit gray, whatever the integer dtype: pandas and
``np.array`` give int64), 0..65535 for other uint16 images, ``(0, 1)`` for
float images; other integer images need an explicit ``value_range``.
"""

import numpy as np
from skimage.filters import gaussian
from skimage.transform import resize

from ..utils import check_generator


def add_gaussian_noise(
    images, scale=(0.0, 0.05), *, value_range=None, random_state=None
):
    """Add Gaussian noise whose standard deviation is drawn per image.

    Parameters
    ----------
    images : ndarray of shape (n_images, height, width)
        Gray images, integer or float.
    scale : tuple of (float, float), default=(0.0, 0.05)
        Range of the noise's standard deviation, as a fraction of the value
        range (0.05 is about 13 gray levels for uint8), drawn uniformly per image.
    value_range : tuple of (float, float), default=None
        ``(low, high)`` of valid pixel values; None: ``(0, 255)`` for integer
        images with values in 0..255 (any integer dtype), ``(0, 65535)`` for
        other uint16 images, ``(0, 1)`` for float images. Other integer
        images (int64 beyond 0..255, ...) must give it.
    random_state : int, RandomState instance, Generator or None, default=None
        Seed or generator of the noise.

    Returns
    -------
    noisy : ndarray of shape (n_images, height, width), same dtype as ``images``

    Examples
    --------
    >>> import numpy as np
    >>> from skfer.augment import add_gaussian_noise
    >>> images = np.full((2, 4, 4), 128, dtype=np.uint8)
    >>> noisy = add_gaussian_noise(images, scale=(0.1, 0.1), random_state=0)
    >>> noisy.dtype.name, bool((noisy != 128).any())
    ('uint8', True)
    """
    rng = check_generator(random_state)
    low, high = _value_range(images, value_range)
    sigma = rng.uniform(*_check_range(scale, "scale", 0.0), size=len(images))
    noise = rng.standard_normal(images.shape, dtype=np.float32)
    noise *= (sigma * (high - low)).astype(np.float32)[:, None, None]
    return _finish(images.astype(np.float32) + noise, images, low, high)


def flip_horizontal(images):
    """Mirror each image left to right.

    Parameters
    ----------
    images : ndarray of shape (n_images, height, width)
        Gray images.

    Returns
    -------
    flipped : ndarray of shape (n_images, height, width), same dtype

    Examples
    --------
    >>> import numpy as np
    >>> from skfer.augment import flip_horizontal
    >>> flip_horizontal(np.array([[[1, 2, 3]]])).tolist()
    [[[3, 2, 1]]]
    """
    return np.ascontiguousarray(np.asarray(images)[:, :, ::-1])


def linear_contrast(images, alpha=(0.75, 1.5), *, value_range=None, random_state=None):
    """Scale each image's contrast around mid-gray by a factor drawn per image.

    ``out = mid + alpha * (image - mid)``, with ``mid`` the middle of
    ``value_range``, as imgaug's ``LinearContrast``.

    Parameters
    ----------
    images : ndarray of shape (n_images, height, width)
        Gray images, integer or float.
    alpha : tuple of (float, float), default=(0.75, 1.5)
        Range of the contrast factor, drawn uniformly per image; below 1
        flattens, above 1 strengthens.
    value_range : tuple of (float, float), default=None
        See :func:`add_gaussian_noise`.
    random_state : int, RandomState instance, Generator or None, default=None
        Seed or generator of the factors.

    Returns
    -------
    contrasted : ndarray of shape (n_images, height, width), same dtype

    Examples
    --------
    >>> import numpy as np
    >>> from skfer.augment import linear_contrast
    >>> images = np.array([[[0.25, 0.75]]])
    >>> linear_contrast(images, alpha=(2.0, 2.0)).tolist()
    [[[0.0, 1.0]]]
    """
    rng = check_generator(random_state)
    low, high = _value_range(images, value_range)
    factor = rng.uniform(*_check_range(alpha, "alpha", 0.0), size=len(images))
    mid = np.float32((low + high) / 2)
    out = images.astype(np.float32) - mid
    out *= factor.astype(np.float32)[:, None, None]
    return _finish(out + mid, images, low, high)


def sharpen(
    images, amount=(0.0, 1.0), *, radius=1.0, value_range=None, random_state=None
):
    """Sharpen by unsharp masking with a strength drawn per image.

    ``out = image + amount * (image - gaussian(image, radius))``, the formula
    of :func:`skimage.filters.unsharp_mask`, applied with one Gaussian blur
    over the whole batch and a separate ``amount`` for each image.

    Parameters
    ----------
    images : ndarray of shape (n_images, height, width)
        Gray images, integer or float.
    amount : tuple of (float, float), default=(0.0, 1.0)
        Range of the sharpening strength, drawn uniformly per image.
    radius : float, default=1.0
        Standard deviation of the Gaussian blur, in pixels.
    value_range : tuple of (float, float), default=None
        See :func:`add_gaussian_noise`.
    random_state : int, RandomState instance, Generator or None, default=None
        Seed or generator of the strengths.

    Returns
    -------
    sharpened : ndarray of shape (n_images, height, width), same dtype

    Examples
    --------
    >>> import numpy as np
    >>> from skfer.augment import sharpen
    >>> edge = np.repeat([[[0.4] * 4 + [0.6] * 4]], 8, axis=1)
    >>> out = sharpen(edge, amount=(1.0, 1.0))
    >>> bool(out[0, 4, 3] < 0.4 < 0.6 < out[0, 4, 4])
    True
    """
    rng = check_generator(random_state)
    low, high = _value_range(images, value_range)
    strength = rng.uniform(*_check_range(amount, "amount", 0.0), size=len(images))
    image = images.astype(np.float32)
    # channel_axis=0 blurs each image on its own: one call for the batch.
    blurred = gaussian(
        image, sigma=radius, mode="reflect", channel_axis=0, preserve_range=True
    )
    detail = image - blurred.astype(np.float32, copy=False)
    detail *= strength.astype(np.float32)[:, None, None]
    return _finish(image + detail, images, low, high)


def crop(images, fraction=(0.0, 0.1), *, random_state=None):
    """Crop each side by a random fraction, then resize back to full size.

    Each of the four sides loses between ``fraction[0]`` and ``fraction[1]``
    of the image's height or width, drawn independently per image and side,
    like imgaug's ``Crop(percent=..., keep_size=True)``. Bilinear
    interpolation (:func:`skimage.transform.resize`) brings the crop back to
    the original size.

    Parameters
    ----------
    images : ndarray of shape (n_images, height, width)
        Gray images, integer or float.
    fraction : tuple of (float, float), default=(0.0, 0.1)
        Range of the fraction cut from each side, within ``[0, 0.5)``.
    random_state : int, RandomState instance, Generator or None, default=None
        Seed or generator of the crop sizes.

    Returns
    -------
    cropped : ndarray of shape (n_images, height, width), same dtype

    Examples
    --------
    >>> import numpy as np
    >>> from skfer.augment import crop
    >>> images = np.arange(100, dtype=np.uint8).reshape(1, 10, 10)
    >>> out = crop(images, fraction=(0.2, 0.2))  # keeps rows and columns 2..7
    >>> out.shape, bool(22 <= out.min() and out.max() <= 77)
    ((1, 10, 10), True)
    """
    rng = check_generator(random_state)
    lo, hi = _check_range(fraction, "fraction", 0.0, 0.5)
    n, h, w = images.shape
    cuts = [
        np.floor(rng.uniform(lo, hi, size=(n, 2)) * size).astype(int) for size in (h, w)
    ]
    top, left = cuts[0][:, 0], cuts[1][:, 0]
    out_h = h - cuts[0].sum(axis=1)
    out_w = w - cuts[1].sum(axis=1)
    out = np.empty_like(images)
    # Crops of equal size are gathered and resized in one call.
    for ch, cw in set(zip(out_h.tolist(), out_w.tolist())):
        idx = np.flatnonzero((out_h == ch) & (out_w == cw))
        rows = top[idx, None] + np.arange(ch)
        cols = left[idx, None] + np.arange(cw)
        window = images[idx[:, None, None], rows[:, :, None], cols[:, None, :]]
        out[idx] = _resize_batch(window, (h, w), images.dtype)
    return out


def _resize_batch(window, shape, dtype):
    if window.shape[1:] == shape:
        return window
    # Scale 1 along the batch axis keeps images apart under interpolation.
    resized = resize(
        window.astype(np.float32),
        (len(window), *shape),
        order=1,
        preserve_range=True,
        anti_aliasing=False,
    )
    if np.issubdtype(dtype, np.integer):
        resized = np.rint(resized)
    return resized.astype(dtype)


def _value_range(images, value_range):
    if value_range is not None:
        low, high = _check_range(value_range, "value_range")
        return float(low), float(high)
    if np.issubdtype(images.dtype, np.integer):
        return integer_range(images)
    return 0.0, 1.0


def integer_range(images):
    """Gray levels 0..255 in any integer dtype; 16-bit images; else an error.

    Not the dtype's range: int64 pixels holding 0..255 would get noise of
    +-1e18 from it.
    """
    images = np.asarray(images)
    if images.dtype == np.uint8 or images.size == 0:
        return 0.0, 255.0
    low, high = images.min(), images.max()
    if 0 <= low and high <= 255:
        return 0.0, 255.0
    if images.dtype == np.uint16:
        return 0.0, 65535.0
    raise ValueError(
        f"{images.dtype} images with values from {low} to {high} have no default "
        f"value range: pass value_range=(low, high) (8-bit gray levels lie in "
        f"0..255)."
    )


def _check_range(value, name, low=-np.inf, high=np.inf):
    try:
        a, b = (float(v) for v in value)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be a pair (low, high), got {value!r}.") from None
    if not (low <= a <= b) or b >= high and high != np.inf:
        raise ValueError(
            f"{name} must satisfy {low} <= low <= high"
            f"{'' if high == np.inf else f' < {high}'}, got {value!r}."
        )
    return a, b


def _finish(values, images, low, high):
    np.clip(values, low, high, out=values)
    if np.issubdtype(images.dtype, np.integer):
        np.rint(values, out=values)
    return values.astype(images.dtype, copy=False)
