"""Reading photos right: EXIF orientation, CMYK, palettes, 16 bits, alpha."""

from pathlib import Path

import numpy as np

# Modes Pillow converts to 8-bit gray or RGB correctly by itself; 16-bit and
# 32-bit integer modes are scaled here, as Pillow clips them at 255.
_GRAY_MODES = {"1", "L"}
_COLOR_MODES = {"RGB", "CMYK", "YCbCr", "LAB", "HSV"}
_ALPHA_MODES = {"LA", "La", "PA", "RGBA", "RGBa"}
_WIDE_MODES = {"I;16", "I;16L", "I;16B", "I;16N", "I"}


def read_image(image):
    """Return a photo as 8-bit gray or RGB pixels, the right way up.

    Files are read with Pillow: the EXIF orientation of phone photos is
    applied (:func:`PIL.ImageOps.exif_transpose`), CMYK, YCbCr and palette
    images become RGB, 16-bit levels are scaled to 8 bits, and transparent
    pixels are laid on white. Arrays are checked and converted the same way.

    Parameters
    ----------
    image : str, path-like or ndarray
        A file path, or an array of shape (height, width), (height, width, 1)
        or (height, width, 2) (gray, with alpha), (height, width, 3) or
        (height, width, 4): uint8, uint16, another integer type holding
        levels 0..255, bool, or float in [0, 1].

    Returns
    -------
    pixels : ndarray of shape (height, width) or (height, width, 3), uint8
        Gray when the photo is gray, RGB otherwise.

    Raises
    ------
    ValueError
        If the file cannot be read as an image or holds several frames (the
        message names it), or the array is not an image or its levels are
        out of range.

    Examples
    --------
    >>> import numpy as np
    >>> from skfer.utils import read_image
    >>> read_image(np.array([[0.0, 1.0]])).tolist()
    [[0, 255]]
    >>> read_image(np.zeros((4, 4, 4), dtype=np.uint8)).shape  # alpha 0: white
    (4, 4, 3)
    """
    if isinstance(image, (str, Path)):
        return _read_file(image)
    return _from_array(np.asarray(image))


def _read_file(path):
    from PIL import Image, ImageOps, UnidentifiedImageError

    try:
        with Image.open(path) as opened:
            if getattr(opened, "n_frames", 1) > 1:
                raise ValueError(
                    f"Cannot read image {path}: it holds {opened.n_frames} "
                    f"frames (an animation or a multi-page file); save the "
                    f"frame to analyse, or pass a video to analyze_video."
                )
            opened.load()
            return _from_pillow(ImageOps.exif_transpose(opened))
    except (OSError, UnidentifiedImageError, SyntaxError) as exc:
        if isinstance(exc, OSError) and exc.errno:
            reason = exc.strerror  # no such file, a folder, permission denied
        else:
            first = str(exc).strip().splitlines()
            detail = first[0] if first else type(exc).__name__
            reason = (
                f"not a readable image (empty, truncated or another format: "
                f"{detail})"
            )
        raise ValueError(f"Cannot read image {path}: {reason}") from exc


def _from_pillow(img):
    from PIL import Image

    mode = img.mode
    if mode == "P":
        # A palette with a transparent entry is an image with alpha.
        mode = "PA" if "transparency" in img.info else "RGB"
        img = img.convert("RGBA" if mode == "PA" else "RGB")
    if mode in _GRAY_MODES:
        return np.asarray(img.convert("L"))
    if mode in _COLOR_MODES:
        return np.asarray(img.convert("RGB"))
    if mode in _ALPHA_MODES:
        white = Image.new("RGBA", img.size, (255, 255, 255, 255))
        flat = Image.alpha_composite(white, img.convert("RGBA")).convert("RGB")
        return _gray_if_gray(np.asarray(flat), mode in {"LA", "La"})
    if mode in _WIDE_MODES:
        return _scale_16bit(np.asarray(img), mode)
    raise ValueError(
        f"Cannot read image {getattr(img, 'filename', '') or 'array'}: Pillow "
        f"mode {img.mode!r} (e.g. 32-bit float) is not a photo skfer reads; "
        f"save it as 8- or 16-bit gray or RGB."
    )


def _gray_if_gray(rgb, gray):
    return rgb[..., 0].copy() if gray else rgb


def _scale_16bit(levels, mode):
    # Mode "I" is how Pillow holds 16-bit PNG and TIFF levels in 32 bits.
    levels = levels.astype(np.int64)
    if levels.min() < 0 or levels.max() > 65535:
        raise ValueError(
            f"Image mode {mode!r} holds levels outside 0..65535 "
            f"({levels.min()}..{levels.max()}): not a 16-bit photo."
        )
    return np.round(levels / 257).astype(np.uint8)


def _from_array(image):
    if image.ndim == 3 and image.shape[-1] in (1, 2):
        # Gray with one channel, or gray and alpha: alpha as for color.
        gray = _as_ubyte(image[..., 0])
        if image.shape[-1] == 1:
            return gray
        rgba = np.dstack([gray] * 3 + [_as_ubyte(image[..., 1])])
        return _flatten_alpha(rgba)[..., 0].copy()
    if image.ndim == 3 and image.shape[-1] in (3, 4):
        pixels = _as_ubyte(image)
        return _flatten_alpha(pixels) if image.shape[-1] == 4 else pixels
    if image.ndim != 2 or min(image.shape) < 1:
        raise ValueError(
            f"Expected a gray (h, w) or color (h, w, 3|4) image, got shape "
            f"{image.shape}."
        )
    return _as_ubyte(image)


def _as_ubyte(image):
    from skimage.util import img_as_ubyte

    if image.dtype in (np.uint8, np.uint16, bool):
        return img_as_ubyte(image)
    if image.dtype.kind in "iu":
        # img_as_ubyte would scale an int64 array of 0..255 from the int64
        # range to near 0: a blank photo; such arrays mean 8-bit levels.
        if image.size and (image.min() < 0 or image.max() > 255):
            raise ValueError(
                f"An integer image of type {image.dtype} must hold levels "
                f"0..255 (uint16 for 16-bit levels); got "
                f"{image.min()}..{image.max()}."
            )
        return image.astype(np.uint8)
    if image.dtype.kind == "f":
        if not np.isfinite(image).all() or image.min() < 0 or image.max() > 1:
            raise ValueError(
                f"A float image must hold levels in [0, 1]; got "
                f"{np.nanmin(image):g}..{np.nanmax(image):g}"
                + (" (divide 0..255 levels by 255)" if image.max() > 1 else "")
                + "."
            )
        return img_as_ubyte(image)
    raise ValueError(f"Cannot read an image of type {image.dtype}.")


def _flatten_alpha(rgba):
    alpha = rgba[..., 3:].astype(np.float64) / 255
    rgb = rgba[..., :3] * alpha + 255 * (1 - alpha)
    return np.round(rgb).astype(np.uint8)
