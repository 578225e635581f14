"""The files ``skfer predict`` reads: paths, folders and glob patterns."""

import glob
from pathlib import Path

from .._video import VIDEO_SUFFIXES


def image_suffixes():
    """Suffixes Pillow reads, lower case, with the dot."""
    from PIL import Image

    return {
        s.lower()
        for s, fmt in Image.registered_extensions().items()
        if fmt in Image.OPEN
    }


def is_video(path):
    return Path(path).suffix.lower() in VIDEO_SUFFIXES


def expand(items):
    """Files to read, and one message per item that names no file.

    A folder gives its photos and videos (not those of its sub-folders); a
    pattern with ``*``, ``?`` or ``[`` is expanded like the shell does, with
    ``**`` for any depth.
    """
    files, problems = [], []
    known = image_suffixes() | set(VIDEO_SUFFIXES)
    for item in items:
        path = Path(item)
        if path.is_file():
            files.append(path)
        elif path.is_dir():
            found = sorted(
                p for p in path.iterdir() if p.is_file() and p.suffix.lower() in known
            )
            files.extend(found)
            if not found:
                problems.append(f"{item}: no photo or video in this folder")
        elif glob.has_magic(item):
            found = sorted(Path(p) for p in glob.glob(item, recursive=True))
            found = [p for p in found if p.is_file()]
            files.extend(found)
            if not found:
                problems.append(f"{item}: no file matches this pattern")
        else:
            problems.append(f"{item}: no such file or folder")
    # A file named twice (by a folder and a pattern) is analysed once.
    return list(dict.fromkeys(files)), problems
