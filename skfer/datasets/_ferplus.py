"""``load_ferplus``: FER2013 images with FER+'s crowd labels."""

from collections import Counter
from pathlib import Path

import numpy as np
from sklearn.utils import Bunch

from ._fer2013 import _usage_mask
from ._ferplus_readers import read_csv_pair, read_folders, read_npz_pair
from ._ferplus_votes import (
    NO_LABEL,
    RULES,
    VOTE_COLUMNS,
    distribution,
    emotion_target,
    has_emotion_votes,
    vote_reasons,
)
from ._labels import FERPLUS_EMOTIONS

_FER_CSV, _FERPLUS_CSV = "fer2013.csv", "fer2013new.csv"


def load_ferplus(path, *, usage=None, rule="plurality", keep_ambiguous=False):
    """Load FER2013 images with the FER+ crowd labels.

    FER+ (Barsoum et al., ICMI 2016; github.com/microsoft/FERPlus, MIT
    licence) gave every FER2013 image ten crowd votes over eight emotions
    (:data:`FERPLUS_EMOTIONS`), "unknown" and "NF" (not a face). This returns
    the images with a clear majority, that majority as a FER+ name, and the
    votes as distributions over the eight emotions, ready for soft targets.

    Parameters
    ----------
    path : str or path-like
        One of

        - FER+'s ``fer2013new.csv`` and the Kaggle ``fer2013.csv`` in one
          folder: the folder, ``fer2013new.csv`` (read with the
          ``fer2013.csv`` beside it) or the FER2013 csv under any name (read
          with the ``fer2013new.csv`` beside it). They are joined row by row,
          as FER+ specifies; rows that FER+ left without an image name have
          no FER+ label.
        - the folders that FER+'s ``generate_training_data.py`` writes:
          ``FER2013Train``, ``FER2013Valid`` and ``FER2013Test``, each with the
          PNGs and a ``label.csv`` of ``image name, 10 vote counts`` rows;
          ``path`` is their parent or one of them. Valid is PublicTest, Test
          is PrivateTest.
        - ``.npz`` pairs: ``fer2013_<split>.npz`` (``X``, ``y``) beside
          ``ferplus_<split>.npz`` (``votes`` (N, 10), -1 rows where the image
          has no FER+ label), as in the project's data folder; the folder or
          one of the files.
    usage : str or list of str, default=None
        Keep only these splits (``"Training"``, ``"PublicTest"``,
        ``"PrivateTest"``); None keeps all.
    rule : {"plurality", "majority"}, default="plurality"
        When an image has a clear label. ``"plurality"``: its most voted
        category is unique and is an emotion. ``"majority"``: the rule of
        FER+'s own reader (``src/ferplus.py``, the one behind the paper's
        accuracies): categories with a single vote are dropped as outliers,
        then the most voted category must hold more than half of the
        remaining votes and be an emotion.
    keep_ambiguous : bool, default=False
        Also keep the images without a clear label (a tie, no majority, or
        most votes for "unknown" or "not a face"), labelled with their most
        voted emotion (ties go to the first in FER+ order); ``reason`` says
        which they are. Images with no emotion vote at all, or no FER+
        label, are left out either way.

    Returns
    -------
    data : Bunch
        - ``data``: uint8 ndarray of shape (n_samples, 2304), flattened images;
        - ``images``: the same pixels, shape (n_samples, 48, 48);
        - ``target``: str ndarray of shape (n_samples,), FER+ emotion names;
        - ``target_names``: :data:`FERPLUS_EMOTIONS`, in FER+'s order;
        - ``distribution``: float ndarray of shape (n_samples, 8), the emotion
          votes divided by their total (unknown and NF votes left out),
          columns in ``target_names`` order;
        - ``votes``: int ndarray of shape (n_samples, 10), the raw counts;
        - ``vote_names``: the ten vote columns, ``target_names`` then
          ``"unknown"`` and ``"NF"``;
        - ``usage``: str ndarray of shape (n_samples,), the split of each image;
        - ``reason``: str ndarray of shape (n_samples,), ``""`` for images
          with a clear label, else why they have none (``"tie"``,
          ``"no majority"``, ``"unknown"``, ``"not a face"``); only kept with
          ``keep_ambiguous=True``;
        - ``dropped``: dict, the number of images left out for each reason
          (those above and ``"no FER+ label"``, ``"no emotion votes"``);
        - ``fer2013_target``: int ndarray of shape (n_samples,), the FER2013
          codes 0..6 of the same images, for the csv and npz sources.

    Raises
    ------
    FileNotFoundError
        If ``path``, or the file that completes a pair, does not exist.
    ValueError
        If a file is malformed (the message names the line or file), the two
        files of a pair disagree, or ``usage`` names a split that the data do
        not have.

    See Also
    --------
    load_fer2013 : The same images with the FER2013 labels.
    fer2013_to_ferplus : FER2013 labels as FER+ names.
    skfer.metrics.crowd_cross_entropy : Predicted probabilities against the
        vote distributions.

    Examples
    --------
    >>> import os, tempfile
    >>> from skfer.datasets import load_ferplus
    >>> pixels = " ".join(["128"] * 2304)
    >>> fer = ["emotion,pixels,Usage"] + [f"3,{pixels},Training"] * 3
    >>> plus = ["Usage,Image name,neutral,happiness,surprise,sadness,anger,"
    ...         "disgust,fear,contempt,unknown,NF",
    ...         "Training,fer0000000.png,2,8,0,0,0,0,0,0,0,0",
    ...         "Training,fer0000001.png,5,5,0,0,0,0,0,0,0,0",
    ...         "Training,,0,0,0,0,0,0,0,0,0,10"]
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     for name, rows in [("fer2013.csv", fer), ("fer2013new.csv", plus)]:
    ...         with open(os.path.join(tmp, name), "w") as f:
    ...             _ = f.write("\\n".join(rows))
    ...     ferplus = load_ferplus(tmp)
    >>> ferplus.target.tolist(), ferplus.distribution[0, :2].tolist()
    (['happiness'], [0.2, 0.8])
    >>> ferplus.dropped
    {'tie': 1, 'no FER+ label': 1}
    """
    if rule not in RULES:
        raise ValueError(f"rule must be one of {RULES}, got {rule!r}.")
    images, fer_target, usages, votes = _read_any(Path(path))
    if usage is not None:
        keep = _usage_mask(usages, usage, path)
        images, usages, votes = images[keep], usages[keep], votes[keep]
        fer_target = None if fer_target is None else fer_target[keep]
    reasons = vote_reasons(votes, rule)
    keep, dropped = _select(reasons, votes, keep_ambiguous)
    images = np.ascontiguousarray(images[keep], dtype=np.uint8)
    data = Bunch(
        data=images.reshape(-1, images.shape[1] * images.shape[2]),
        images=images,
        target=emotion_target(votes[keep]),
        target_names=np.array(FERPLUS_EMOTIONS),
        distribution=distribution(votes[keep]),
        votes=votes[keep],
        vote_names=np.array(VOTE_COLUMNS),
        usage=np.asarray(usages)[keep],
        reason=reasons[keep],
        dropped=dropped,
        DESCR=f"FER2013 images with FER+ labels ({rule} rule) read from {path}.",
    )
    if fer_target is not None:
        data.fer2013_target = np.asarray(fer_target, dtype=np.int64)[keep]
    return data


def _select(reasons, votes, keep_ambiguous):
    """Which images to keep, and how many were left out for each reason."""
    if not keep_ambiguous:
        keep = reasons == ""
        return keep, dict(Counter(reasons[~keep].tolist()))
    # Without an emotion vote there is no label to fall back on.
    voted = has_emotion_votes(votes)
    keep = (reasons != NO_LABEL) & voted
    why = np.where((reasons == NO_LABEL) | voted, reasons, "no emotion votes")
    return keep, dict(Counter(why[~keep].tolist()))


def _read_any(path):
    if not path.exists():
        raise FileNotFoundError(f"No FER+ data at {path}: the path does not exist.")
    if path.is_file():
        if path.name.lower() == _FERPLUS_CSV:
            return read_csv_pair(_existing(path.parent / _FER_CSV), path)
        if path.suffix.lower() == ".csv":
            return read_csv_pair(path, _existing(path.parent / _FERPLUS_CSV))
        if path.suffix.lower() == ".npz":
            split = path.stem.split("_", 1)[-1]
            return read_npz_pair(*_npz_pair(path.parent, split))
        raise ValueError(f"{path}: expected a .csv or .npz file or a folder.")
    if (path / _FERPLUS_CSV).is_file():
        return read_csv_pair(*_csv_pair(path))
    splits = sorted(f.stem.split("_", 1)[1] for f in path.glob("ferplus_*.npz"))
    if splits:
        parts = [read_npz_pair(*_npz_pair(path, split)) for split in splits]
        return tuple(np.concatenate(arrays) for arrays in zip(*parts))
    if (path / "label.csv").is_file() or any(path.glob("*/label.csv")):
        return read_folders(path)
    raise ValueError(
        f"{path}: no FER+ data found; expected {_FERPLUS_CSV} beside "
        f"{_FER_CSV}, ferplus_*.npz beside fer2013_*.npz, or FER+'s folders "
        f"(FER2013Train/label.csv and its images)."
    )


def _csv_pair(folder):
    return _existing(folder / _FER_CSV), _existing(folder / _FERPLUS_CSV)


def _npz_pair(folder, split):
    return (
        _existing(folder / f"fer2013_{split}.npz"),
        _existing(folder / f"ferplus_{split}.npz"),
    )


def _existing(path):
    if not path.is_file():
        raise FileNotFoundError(
            f"{path} is missing: FER+ labels are read together with the FER2013 "
            f"file they label, in the same folder."
        )
    return path
