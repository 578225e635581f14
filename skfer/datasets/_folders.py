"""Reader of FER2013 image folders: ``<root>/[<split>/]<emotion>/*.jpg``."""

import re
import warnings
from pathlib import Path

import numpy as np

from ..utils import read_gray
from ..utils._progress import progress_bar
from ._checks import IMAGE_SHAPE, USAGES
from ._labels import EMOTIONS, emotion_code

_IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".bmp", ".gif", ".tif", ".tiff", ".webp"}
# Left by tools, never data: Jupyter's .ipynb_checkpoints, macOS' .DS_Store and
# the __MACOSX folder of its zip files, version control folders.
_IGNORED = ("__MACOSX",)
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
_LAYOUT = "<root>/<emotion>/*.jpg or <root>/<split>/<emotion>/*.jpg"


def read_image_folder(root, *, verbose=False):
    """Read ``<root>/[train|test/]<emotion>/*.jpg``: class from the folder name.

    Usage comes from file names such as ``PublicTest_12.jpg`` where present,
    else from the split folder (``_SPLIT_USAGE``: ``train`` gives Training,
    ``test`` and ``val`` PublicTest; two split folders that would both give
    one split are refused); an other split folder's name is kept as it is;
    without split folders it is ``"Unknown"``. ``verbose`` shows a progress
    bar on a terminal. Hidden files and folders (``.*``,
    such as ``.ipynb_checkpoints``) and ``__MACOSX`` are ignored; other
    files that are not images are skipped with a warning. A layout that
    leaves images without a class (expression folders beside split folders,
    images beside class folders, unknown folder names) is refused.
    """
    root = Path(root)
    files = []
    for class_dir, split in _class_folders(root):
        code = emotion_code(class_dir.name)
        files += [(f, code, _file_usage(f, split)) for f in _images(class_dir, root)]
    if not files:
        raise ValueError(f"{root}: no image files found in its class folders.")
    _check_split_names(files, root)
    images = np.empty((len(files), *IMAGE_SHAPE), dtype=np.uint8)
    bar = progress_bar(files, verbose=verbose, desc="reading images", unit="img")
    for i, (file, _, _) in enumerate(bar):
        images[i] = _as_gray48(read_gray(file))
    target = np.array([code for _, code, _ in files], dtype=np.int64)
    usage = np.array([use for _, _, use in files])
    return images, target, usage


def _class_folders(root):
    """``(class folder, split name)`` pairs; the split is "" without a split level."""
    folders = _subfolders(root)
    classes = [d for d in folders if emotion_code(d.name) is not None]
    others = [d for d in folders if emotion_code(d.name) is None]
    if classes and others:
        raise ValueError(
            f"{root}: mixes expression folders {[d.name for d in classes]} with "
            f"other folders {[d.name for d in others]}; expected {_LAYOUT}, with "
            f"expression names {list(EMOTIONS)}."
        )
    if not folders:
        raise ValueError(f"{root}: has no class folders; expected {_LAYOUT}.")
    _refuse_loose_images(root)
    if classes:
        return [(d, "") for d in classes]
    pairs, unknown = [], []
    for split in others:
        inner = _subfolders(split)
        # A split folder without sub-folders is a class folder of unknown name.
        unknown += [] if inner else [split.name]
        for d in inner:
            if emotion_code(d.name) is None:
                unknown.append(f"{split.name}/{d.name}")
            else:
                pairs.append((d, split.name))
    if unknown:
        raise ValueError(
            f"{root}: unknown class folder(s) {unknown}; expected expression "
            f"names {list(EMOTIONS)} ({_LAYOUT})."
        )
    for split in others:
        _refuse_loose_images(split)
    return pairs


def _visible(folder):
    return sorted(
        p
        for p in folder.iterdir()
        if not p.name.startswith(".") and p.name not in _IGNORED
    )


def _subfolders(folder):
    return [p for p in _visible(folder) if p.is_dir()]


def _is_image(path):
    return path.is_file() and path.suffix.lower() in _IMAGE_SUFFIXES


def _refuse_loose_images(folder):
    loose = [p.name for p in _visible(folder) if _is_image(p)]
    if loose:
        raise ValueError(
            f"{folder}: {len(loose)} image file(s) without a class folder "
            f"(e.g. {loose[0]}); expected {_LAYOUT}."
        )


def _images(class_dir, root):
    entries = _visible(class_dir)
    images = [p for p in entries if _is_image(p)]
    skipped = [p for p in entries if not _is_image(p)]
    if skipped:
        kinds = sorted(
            {p.suffix.lower() or "no suffix" for p in skipped if p.is_file()}
        )
        warnings.warn(
            f"{root}: skipped {len(skipped)} entries of {class_dir.name}/ that are "
            f"not image files (e.g. {skipped[0].name}; "
            f"{', '.join(kinds) or 'folders'}).",
            UserWarning,
            stacklevel=4,
        )
    return images


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


def _file_usage(file, split):
    match = _USAGE_PREFIX.match(file.name)
    if match:
        return next(u for u in USAGES if u.lower() == match.group(1).lower())
    return _SPLIT_USAGE.get(split.lower(), split or "Unknown")


def _as_gray48(gray):
    from skimage.transform import resize
    from skimage.util import img_as_ubyte

    if gray.shape != IMAGE_SHAPE:
        gray = resize(gray, IMAGE_SHAPE, anti_aliasing=True)
    return img_as_ubyte(np.clip(gray, 0, 1))
