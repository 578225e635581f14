"""The pixel and label rules that every FER2013 reader applies.

One rule for the csv, the ``.npz`` files and the image folders: pixels are
gray levels 0..255 and labels are the codes 0..6. Data that only look like
that after a guess (floats scaled to [0, 1], out-of-range integers, NaN
labels) are refused with a message naming the file, never converted.
"""

import numpy as np

from ._labels import EMOTIONS

IMAGE_SHAPE = (48, 48)
#: The FER2013 splits, as the csv's ``Usage`` column names them.
USAGES = ("Training", "PublicTest", "PrivateTest")
N_PIXELS = IMAGE_SHAPE[0] * IMAGE_SHAPE[1]
_CODES = f"integer codes 0..{len(EMOTIONS) - 1} ({', '.join(EMOTIONS)})"


def check_images(images, source):
    """Gray levels of any integer or whole-float dtype as uint8 (N, 48, 48).

    ``source`` (the file, and the array's name) starts every message.
    """
    images = np.asarray(images)
    if images.ndim == 2 and images.shape[1] == N_PIXELS:
        images = images.reshape(-1, *IMAGE_SHAPE)
    if images.ndim != 3 or images.shape[1:] != IMAGE_SHAPE:
        raise ValueError(
            f"{source}: images must have shape (N, 48, 48) or (N, 2304), "
            f"got {images.shape}."
        )
    if len(images) == 0:
        raise ValueError(f"{source}: holds no images.")
    if images.dtype == np.uint8:
        return images
    _check_numbers(images, source, "pixel values", "gray levels 0..255")
    low, high = images.min(), images.max()
    if images.dtype.kind == "f" and not _whole(images):
        hint = (
            " (scaled to [0, 1]? save np.rint(X * 255).astype(np.uint8))"
            if 0 <= low and high <= 1
            else ""
        )
        raise ValueError(
            f"{source}: pixel values must be whole gray levels 0..255; got "
            f"floats from {low:g} to {high:g}{hint}."
        )
    if low < 0 or high > 255:
        raise ValueError(
            f"{source}: pixel values must lie in 0..255; got {low:g} to {high:g}."
        )
    return images.astype(np.uint8)


def check_target(target, source, n_images):
    """Labels of any integer or whole-float dtype as int64 codes 0..6."""
    target = np.asarray(target)
    if target.ndim != 1 or len(target) != n_images:
        raise ValueError(
            f"{source}: labels must have shape ({n_images},), one per image; "
            f"got {target.shape}."
        )
    _check_numbers(target, source, "labels", _CODES)
    if target.dtype.kind == "f" and not _whole(target):
        raise ValueError(f"{source}: labels must be {_CODES}; got fractions.")
    bad = (target < 0) | (target >= len(EMOTIONS))
    if bad.any():
        raise ValueError(
            f"{source}: labels must be {_CODES}; got "
            f"{_listing(np.unique(target[bad]))} (in {int(bad.sum())} of {len(target)} "
            f"images)."
        )
    return target.astype(np.int64)


def check_usage(usage, source, n_images):
    """The split name of each image, as a str array."""
    usage = np.asarray(usage)
    if usage.ndim != 1 or len(usage) != n_images or usage.dtype.kind != "U":
        raise ValueError(
            f"{source}: usage must hold one split name (str) per image, shape "
            f"({n_images},); got dtype {usage.dtype} and shape {usage.shape}."
        )
    return usage


def _check_numbers(values, source, what, expected):
    if values.dtype.kind not in "uif":
        raise ValueError(
            f"{source}: {what} must be {expected}; got dtype {values.dtype}."
        )
    if values.dtype.kind == "f" and not np.isfinite(values).all():
        raise ValueError(
            f"{source}: {what} must be {expected}; got NaN or infinite values."
        )


def _whole(values):
    return bool(np.all(values == np.rint(values)))


def _listing(values, limit=5):
    shown = ", ".join(f"{v:g}" for v in values[:limit].tolist())
    return shown + (", ..." if len(values) > limit else "")
