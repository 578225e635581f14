"""Readers for the FER2013 files users download: the csv and ``.npz`` files.

Both apply the rules of ``_checks``; image folders are read in ``_folders``.
"""

import csv
from pathlib import Path

import numpy as np

from ._checks import (
    IMAGE_SHAPE,
    N_PIXELS,
    USAGES,
    check_images,
    check_target,
    check_usage,
)
from ._folders import read_image_folder
from ._labels import EMOTIONS

__all__ = ["read_csv", "read_image_folder", "read_npz"]


def read_csv(path):
    """Read the official ``fer2013.csv`` (columns ``emotion,pixels,Usage``).

    Returns ``(images, target, usage)``; ``usage`` is ``None`` when the file
    has no ``Usage`` column. A UTF-8 byte-order mark (as Excel writes) is
    skipped. Raises ``ValueError`` naming the line of the first malformed
    row, or the file when it is not UTF-8 text or holds no rows.
    """
    try:
        # utf-8-sig: a leading byte-order mark is not part of the header.
        with open(path, newline="", encoding="utf-8-sig") as f:
            images, target, usage, has_usage = _csv_rows(csv.reader(f), path)
    except UnicodeDecodeError as exc:
        raise ValueError(
            f"{path}: not a UTF-8 text csv (byte {exc.start} cannot be decoded); "
            f"is it a binary file with a .csv name?"
        ) from None
    if not target:
        raise ValueError(f"{path}: holds no images (no rows after the header).")
    images = np.array(images, dtype=np.uint8).reshape(-1, *IMAGE_SHAPE)
    return (
        images,
        np.array(target, dtype=np.int64),
        (np.array(usage) if has_usage else None),
    )


def _csv_rows(reader, path):
    images, target, usage = [], [], []
    try:
        header = [h.strip().lower() for h in next(reader, [])]
        if "emotion" not in header or "pixels" not in header:
            raise ValueError(
                f"{path}: the header must name the columns 'emotion' and "
                f"'pixels' (and optionally 'Usage'), got {header}."
            )
        i_emo, i_pix = header.index("emotion"), header.index("pixels")
        i_use = header.index("usage") if "usage" in header else None
        for row in reader:
            line = reader.line_num
            if not row:
                continue
            if len(row) != len(header):
                raise ValueError(
                    f"{path}, line {line}: expected {len(header)} fields, "
                    f"got {len(row)}."
                )
            target.append(_csv_emotion(row[i_emo], path, line))
            images.append(_csv_pixels(row[i_pix], path, line))
            if i_use is not None:
                usage.append(_csv_usage(row[i_use], path, line))
    except csv.Error as exc:
        # A NUL byte, a field past the csv module's size limit, ...
        raise ValueError(f"{path}, line {reader.line_num}: {exc}.") from None
    return images, target, usage, i_use is not None


def _csv_emotion(field, path, line):
    code = _whole_number(field)
    if code is None or not 0 <= code < len(EMOTIONS):
        raise ValueError(
            f"{path}, line {line}: unknown emotion code {field!r}; "
            f"expected an integer 0..{len(EMOTIONS) - 1}."
        )
    return code


def _whole_number(field):
    # "3" or "3.0" (as pandas writes float columns), as the .npz reader allows.
    try:
        return int(field)
    except ValueError:
        pass
    try:
        value = float(field)
    except ValueError:
        return None
    return int(value) if value.is_integer() else None


def _csv_pixels(field, path, line):
    values = field.split()
    if len(values) != N_PIXELS:
        raise ValueError(
            f"{path}, line {line}: expected {N_PIXELS} pixel values "
            f"(48 x 48), got {len(values)}."
        )
    try:
        pixels = _pixel_array(values)
    except (ValueError, OverflowError):
        raise ValueError(
            f"{path}, line {line}: pixels must be whole numbers 0..255 separated "
            f"by spaces."
        ) from None
    if pixels.min() < 0 or pixels.max() > 255:
        raise ValueError(
            f"{path}, line {line}: pixel values must lie in 0..255; got "
            f"{pixels.min():g} to {pixels.max():g}."
        )
    return pixels.astype(np.uint8)


def _pixel_array(values):
    try:
        return np.array(values, dtype=np.int64)
    except (ValueError, OverflowError):
        pixels = np.array(values, dtype=np.float64)  # "7.0", or a huge value
    if not np.isfinite(pixels).all() or np.any(pixels != np.rint(pixels)):
        raise ValueError("not whole numbers")
    return pixels


def _csv_usage(field, path, line):
    if field.strip() not in USAGES:
        raise ValueError(
            f"{path}, line {line}: unknown Usage {field!r}; expected one of {USAGES}."
        )
    return field.strip()


def read_npz(path):
    """Read an ``.npz`` holding ``X`` (N, 48, 48) or (N, 2304) and ``y`` (N,).

    ``X`` may have any integer dtype, or a float dtype holding whole
    numbers, as long as its values are gray levels 0..255; ``y`` holds the
    codes 0..6. The usage comes from a ``usage`` array if present, else
    from the file name (``fer2013_train.npz`` is Training, ``*publictest*``
    PublicTest). Raises ``ValueError`` naming the file and what is wrong.
    """
    with _open_npz(path) as f:
        missing = [key for key in ("X", "y") if key not in f.files]
        if missing:
            raise ValueError(
                f"{path}: an .npz data set needs arrays 'X' and 'y'; it has "
                f"{sorted(f.files)}."
            )
        arrays = {key: _array(f, key, path) for key in ("X", "y", "usage")}
    images = check_images(arrays["X"], f"{path}, array 'X'")
    target = check_target(arrays["y"], f"{path}, array 'y'", len(images))
    usage = arrays["usage"]
    if usage is None:
        usage = np.full(len(target), _usage_from_name(Path(path).stem))
    return images, target, check_usage(usage, f"{path}, array 'usage'", len(images))


def _open_npz(path):
    try:
        f = np.load(path, allow_pickle=False)
    except PermissionError:
        raise
    except Exception as exc:  # BadZipFile, EOFError, ValueError, OSError, ...
        # NumPy reads an unknown file as a pickle and advises allow_pickle:
        # advice skfer never takes for data.
        raise ValueError(
            f"{path}: not a readable .npz archive (truncated, corrupt, or "
            f"another kind of file renamed .npz) ({type(exc).__name__})."
        ) from None
    if not isinstance(f, np.lib.npyio.NpzFile):
        raise ValueError(
            f"{path}: holds a single .npy array, not an .npz archive of "
            f"arrays 'X' and 'y' (save with np.savez(path, X=X, y=y))."
        )
    return f


def _array(f, key, path):
    if key not in f.files:
        return None
    try:
        return f[key]
    except ValueError as exc:
        if "allow_pickle" not in str(exc):
            raise _corrupt(path, key, exc) from None
        # Object arrays need pickle, which can run code: refused.
        raise ValueError(
            f"{path}: array {key!r} holds Python objects, which skfer does not "
            f"load (unpickling can run code); save numeric arrays."
        ) from None
    except Exception as exc:  # BadZipFile, zlib.error, EOFError, ...
        raise _corrupt(path, key, exc) from None


def _corrupt(path, key, exc):
    return ValueError(
        f"{path}: array {key!r} cannot be read: the archive is truncated or "
        f"corrupt ({type(exc).__name__})."
    )


def _usage_from_name(stem):
    stem = stem.lower()
    for usage in USAGES:
        if usage.lower() in stem:
            return usage
    return "Training" if "train" in stem else "Unknown"
