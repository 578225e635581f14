"""Readers for FER+ votes as distributed: the csv pair, FER+'s folders, npz pairs.

Each returns ``(images, fer2013_target, usage, votes)``: ``fer2013_target``
is None where the source has no FER2013 labels, and a row of ``votes`` is
all -1 where FER+ gives the image no label.
"""

import csv
from pathlib import Path

import numpy as np

from ..utils import read_gray
from ._checks import USAGES
from ._ferplus_votes import VOTE_COLUMNS, check_votes
from ._folders import _as_gray48
from ._readers import read_csv, read_npz

# FER+'s generate_training_data.py writes one folder per FER2013 split.
_FOLDER_USAGE = {
    "fer2013train": "Training",
    "fer2013valid": "PublicTest",
    "fer2013test": "PrivateTest",
}
_VOTE_KEYS = [c.lower() for c in VOTE_COLUMNS]


def read_csv_pair(fer_csv, ferplus_csv):
    """``fer2013.csv`` and FER+'s ``fer2013new.csv``, joined row by row."""
    images, target, usage = read_csv(fer_csv)
    plus_usage, votes = _read_ferplus_csv(ferplus_csv)
    if len(votes) != len(target):
        raise ValueError(
            f"{ferplus_csv} has {len(votes)} data rows but {fer_csv} has "
            f"{len(target)}; FER+ labels join FER2013 row by row, so both must "
            f"come whole from the same release."
        )
    if usage is not None:
        differ = np.flatnonzero(usage != plus_usage)
        if differ.size:
            row = int(differ[0])
            raise ValueError(
                f"Row {row} (line {row + 2}) is {usage[row]!r} in {fer_csv} but "
                f"{plus_usage[row]!r} in {ferplus_csv}: the files do not match "
                f"({differ.size} rows differ)."
            )
    return images, target, plus_usage, votes


def _read_ferplus_csv(path):
    with open(path, newline="") as f:
        reader = csv.reader(f)
        header = [h.strip().lower() for h in next(reader, [])]
        needed = ["usage", "image name", *_VOTE_KEYS]
        if any(name not in header for name in needed):
            raise ValueError(
                f"{path}: the header of FER+'s fer2013new.csv must name the "
                f"columns {['Usage', 'Image name', *VOTE_COLUMNS]}, got {header}."
            )
        i_use, i_name = header.index("usage"), header.index("image name")
        i_votes = [header.index(name) for name in _VOTE_KEYS]
        usage, votes = [], []
        for row in reader:
            if not row:
                continue
            line = reader.line_num
            if len(row) != len(header):
                raise ValueError(
                    f"{path}, line {line}: expected {len(header)} fields, got "
                    f"{len(row)}."
                )
            if row[i_use].strip() not in USAGES:
                raise ValueError(
                    f"{path}, line {line}: unknown Usage {row[i_use]!r}; expected "
                    f"one of {USAGES}."
                )
            usage.append(row[i_use].strip())
            # FER+ left some images unnamed: its tools skip them, and so do we.
            named = bool(row[i_name].strip())
            votes.append(_counts(row, i_votes, path, line) if named else [-1] * 10)
    return np.array(usage), np.array(votes, dtype=np.int64).reshape(-1, 10)


def _counts(row, columns, path, line):
    try:
        counts = [int(row[i]) for i in columns]
    except ValueError:
        counts = [-1]
    if min(counts) < 0:
        raise ValueError(
            f"{path}, line {line}: vote counts must be integers >= 0, got "
            f"{[row[i] for i in columns]}."
        )
    return counts


def read_npz_pair(fer_npz, ferplus_npz):
    """``fer2013_<split>.npz`` (images) and ``ferplus_<split>.npz`` (votes)."""
    images, target, usage = read_npz(fer_npz)
    with np.load(ferplus_npz, allow_pickle=False) as f:
        if "votes" not in f:
            raise ValueError(f"{ferplus_npz}: FER+ votes need an array 'votes'.")
        votes = np.asarray(f["votes"])
        columns = [str(c) for c in f["columns"]] if "columns" in f else None
    if columns is not None and [c.lower() for c in columns] != _VOTE_KEYS:
        raise ValueError(
            f"{ferplus_npz}: 'columns' must be {list(VOTE_COLUMNS)}, got {columns}."
        )
    votes = check_votes(votes, what=f"{ferplus_npz}: votes")
    if len(votes) != len(target):
        raise ValueError(
            f"{ferplus_npz} has votes for {len(votes)} images but {fer_npz} has "
            f"{len(target)}; the two files must hold the same images in order."
        )
    return images, target, usage, votes.astype(np.int64)


def read_folders(root):
    """FER+'s folders: ``FER2013Train/label.csv`` beside the PNGs it names.

    ``root`` is one such folder or holds several; the split comes from the
    folder's name (FER2013Train, FER2013Valid, FER2013Test), else it is the
    name itself.
    """
    root = Path(root)
    folders = [root] if (root / "label.csv").is_file() else sorted(
        d for d in root.iterdir() if (d / "label.csv").is_file()
    )
    parts = [_read_folder(folder) for folder in folders]
    images, usage, votes = (np.concatenate(arrays) for arrays in zip(*parts))
    return images, None, usage, votes


def _read_folder(folder):
    label_csv = folder / "label.csv"
    names, votes = [], []
    with open(label_csv, newline="") as f:
        reader = csv.reader(f)
        for row in reader:
            if not row or [c.strip().lower() for c in row[1:]] == _VOTE_KEYS:
                continue  # blank line, or a header naming the vote columns
            if len(row) != 11:
                raise ValueError(
                    f"{label_csv}, line {reader.line_num}: expected an image "
                    f"name and 10 vote counts, got {len(row)} fields."
                )
            names.append(row[0].strip())
            votes.append(_counts(row, range(1, 11), label_csv, reader.line_num))
    if not names:
        raise ValueError(f"{label_csv} lists no images.")
    images = np.empty((len(names), 48, 48), dtype=np.uint8)
    for i, name in enumerate(names):
        if not (folder / name).is_file():
            raise FileNotFoundError(
                f"{label_csv} lists {name!r}, which is not in {folder}."
            )
        images[i] = _as_gray48(read_gray(folder / name))
    usage = _FOLDER_USAGE.get(folder.name.lower(), folder.name)
    return images, np.full(len(names), usage), np.array(votes, dtype=np.int64)
