"""Readers for the FER2013 formats users download: csv, image folders, npz."""

import csv
import re
from pathlib import Path

import numpy as np

from ..utils import read_gray
from ..utils._progress import progress_bar
from ._labels import EMOTIONS, emotion_code

USAGES = ("Training", "PublicTest", "PrivateTest")
IMAGE_SHAPE = (48, 48)
_N_PIXELS = IMAGE_SHAPE[0] * IMAGE_SHAPE[1]
_IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".bmp", ".gif", ".tif", ".tiff"}
# The image-folder copies name files after their csv split: ``PublicTest_123.jpg``.
_USAGE_PREFIX = re.compile(r"^(Training|PublicTest|PrivateTest)_", re.IGNORECASE)
# Split folders above the class folders, by lowercase name (docs/user_guide/
# data.rst has the table). A plain ``test/`` is the split reported on,
# PublicTest; the FER+ exports name PrivateTest ``FER2013Test``.
_SPLIT_USAGE = {
    **dict.fromkeys(["train", "training", "fer2013train"], "Training"),
    **dict.fromkeys(
        ["test", "publictest", "val", "valid", "validation", "fer2013valid"],
        "PublicTest",
    ),
    **dict.fromkeys(["privatetest", "fer2013test"], "PrivateTest"),
}


def read_csv(path):
    """Read the official ``fer2013.csv`` (columns ``emotion,pixels,Usage``).

    Returns ``(images, target, usage)``; ``usage`` is ``None`` when the file
    has no ``Usage`` column. Raises ``ValueError`` naming the line of the
    first malformed row.
    """
    images, target, usage = [], [], []
    with open(path, newline="") as f:
        reader = csv.reader(f)
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
    images = np.array(images, dtype=np.uint8).reshape(-1, *IMAGE_SHAPE)
    return (
        images,
        np.array(target, dtype=np.int64),
        (np.array(usage) if i_use is not None else None),
    )


def _csv_emotion(field, path, line):
    try:
        code = int(field)
    except ValueError:
        code = -1
    if not 0 <= code < len(EMOTIONS):
        raise ValueError(
            f"{path}, line {line}: unknown emotion code {field!r}; "
            f"expected an integer 0..{len(EMOTIONS) - 1}."
        )
    return code


def _csv_pixels(field, path, line):
    values = field.split()
    if len(values) != _N_PIXELS:
        raise ValueError(
            f"{path}, line {line}: expected {_N_PIXELS} pixel values "
            f"(48 x 48), got {len(values)}."
        )
    try:
        pixels = np.array(values, dtype=np.int32)
    except ValueError:
        raise ValueError(
            f"{path}, line {line}: pixels must be integers 0..255 separated by spaces."
        ) from None
    if pixels.min() < 0 or pixels.max() > 255:
        raise ValueError(f"{path}, line {line}: pixel values must lie in 0..255.")
    return pixels.astype(np.uint8)


def _csv_usage(field, path, line):
    if field.strip() not in USAGES:
        raise ValueError(
            f"{path}, line {line}: unknown Usage {field!r}; expected one of {USAGES}."
        )
    return field.strip()


def read_npz(path):
    """Read an ``.npz`` holding ``X`` (N, 48, 48) and ``y`` (N,).

    The usage comes from a ``usage`` array if present, else from the file
    name (``fer2013_train.npz`` is Training, ``*publictest*`` PublicTest).
    """
    with np.load(path, allow_pickle=False) as f:
        if "X" not in f or "y" not in f:
            raise ValueError(f"{path}: an .npz data set needs arrays 'X' and 'y'.")
        images = np.asarray(f["X"], dtype=np.uint8)
        target = np.asarray(f["y"], dtype=np.int64)
        usage = np.asarray(f["usage"]) if "usage" in f else None
    if images.ndim == 2:
        images = images.reshape(-1, *IMAGE_SHAPE)
    if images.shape[1:] != IMAGE_SHAPE or len(images) != len(target):
        raise ValueError(
            f"{path}: X must have shape (N, 48, 48) and y shape (N,), got "
            f"{images.shape} and {target.shape}."
        )
    if usage is None:
        usage = np.full(len(target), _usage_from_name(Path(path).stem))
    return images, target, usage


def _usage_from_name(stem):
    stem = stem.lower()
    for usage in USAGES:
        if usage.lower() in stem:
            return usage
    return "Training" if "train" in stem else "Unknown"


def read_image_folder(root, *, verbose=False):
    """Read ``<root>/[train|test/]<emotion>/*.jpg``: class from the folder name.

    Usage comes from file names such as ``PublicTest_12.jpg`` where present,
    else from the split folder (``_SPLIT_USAGE``: ``train`` gives Training,
    ``test`` PublicTest); an other split folder's name is kept as it is;
    without split folders it is ``"Unknown"``. ``verbose`` shows a progress
    bar on a terminal.
    """
    files = _image_files(Path(root))
    images = np.empty((len(files), *IMAGE_SHAPE), dtype=np.uint8)
    bar = progress_bar(files, verbose=verbose, desc="reading images", unit="img")
    for i, (file, _, _) in enumerate(bar):
        images[i] = _as_gray48(read_gray(file))
    target = np.array([code for _, code, _ in files], dtype=np.int64)
    usage = np.array([use for _, _, use in files])
    return images, target, usage


def _image_files(root):
    class_dirs = [d for d in root.iterdir() if d.is_dir()]
    if any(emotion_code(d.name) is None for d in class_dirs):
        # A split level (train/, test/) above the class folders.
        splits = class_dirs
        class_dirs = [c for s in splits for c in s.iterdir() if c.is_dir()]
    unknown = sorted({d.name for d in class_dirs if emotion_code(d.name) is None})
    if unknown:
        raise ValueError(
            f"{root}: unknown class folder(s) {unknown}; expected expression "
            f"names {list(EMOTIONS)}."
        )
    files = []
    for class_dir in sorted(class_dirs):
        split = class_dir.parent.name if class_dir.parent != root else ""
        for file in sorted(class_dir.iterdir()):
            if file.suffix.lower() in _IMAGE_SUFFIXES:
                files.append(
                    (file, emotion_code(class_dir.name), _file_usage(file, split))
                )
    if not files:
        raise ValueError(f"{root}: no image files found in its class folders.")
    _check_split_names(files, root)
    return files


def _check_split_names(files, root):
    # Two split folders (val/ and test/) whose files, without a prefix to
    # tell them apart, would silently become one split.
    by_usage = {}
    for file, _, usage in files:
        split = file.parent.parent
        if split != root and not _USAGE_PREFIX.match(file.name):
            by_usage.setdefault(usage, set()).add(split.name)
    for usage, names in by_usage.items():
        if len(names) > 1:
            raise ValueError(
                f"{root}: split folders {sorted(names)} would all be "
                f"{usage!r}; keep one or rename the others after FER2013's "
                f"splits {list(USAGES)}."
            )


def _split_usage(name):
    return _SPLIT_USAGE.get(name.lower(), name)


def _file_usage(file, split):
    match = _USAGE_PREFIX.match(file.name)
    if match:
        return next(u for u in USAGES if u.lower() == match.group(1).lower())
    return _split_usage(split) if split else "Unknown"


def _as_gray48(gray):
    from skimage.transform import resize
    from skimage.util import img_as_ubyte

    if gray.shape != IMAGE_SHAPE:
        gray = resize(gray, IMAGE_SHAPE, anti_aliasing=True)
    return img_as_ubyte(np.clip(gray, 0, 1))
