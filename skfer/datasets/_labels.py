"""FER2013 label codes, names and label subsets."""

import numpy as np
from sklearn.utils import Bunch

#: FER2013 expression names, indexed by their code 0..6.
EMOTIONS = ("angry", "disgust", "fear", "happy", "sad", "surprise", "neutral")
#: The original report's 3-label task.
THREE_LABELS = ("happy", "sad", "neutral")

# Other spellings found in FER copies (image folders, FER+, the original report).
_ALIASES = {
    "anger": "angry",
    "disgusted": "disgust",
    "fearful": "fear",
    "happiness": "happy",
    "sadness": "sad",
    "surprised": "surprise",
}


def emotion_code(name):
    """Return the FER2013 code (0..6) of an expression name, or None if unknown.

    Parameters
    ----------
    name : str
        Expression name, case-insensitive; common spellings such as
        ``"happiness"`` or ``"anger"`` are accepted.

    Returns
    -------
    code : int or None

    Examples
    --------
    >>> from skfer.datasets import emotion_code
    >>> emotion_code("Happiness"), emotion_code("cat")
    (3, None)
    """
    key = str(name).strip().lower()
    key = _ALIASES.get(key, key)
    return EMOTIONS.index(key) if key in EMOTIONS else None


def select_labels(dataset, labels):
    """Keep the samples of some expressions and re-encode them ``0..k-1``.

    This builds, for instance, the original report's 3-label task
    (happy, sad, neutral) from the 7-label data.

    Parameters
    ----------
    dataset : Bunch
        As returned by :func:`load_fer2013`, with ``data``, ``target`` and
        ``target_names``; ``images`` and ``usage`` are subset too when present.
    labels : sequence of str or int
        Expression names or codes of ``dataset.target_names``, in the order
        of the new codes.

    Returns
    -------
    subset : Bunch
        Same keys, rows of the chosen classes only, ``target`` re-encoded so
        that ``labels[i]`` becomes ``i`` and ``target_names`` set to the
        chosen names.

    Examples
    --------
    >>> from skfer.datasets import load_fer2013_sample, select_labels
    >>> three = select_labels(load_fer2013_sample(), ["happy", "sad", "neutral"])
    >>> three.target_names.tolist(), sorted(set(three.target.tolist()))
    (['happy', 'sad', 'neutral'], [0, 1, 2])
    """
    names = [str(n) for n in dataset.target_names]
    codes = [_label_code(label, names) for label in labels]
    if len(set(codes)) != len(codes):
        raise ValueError(f"labels has duplicates: {list(labels)!r}.")
    new_code = np.full(len(names), -1, dtype=np.int64)
    new_code[codes] = np.arange(len(codes))
    target = np.asarray(dataset.target)
    keep = new_code[target] >= 0
    subset = Bunch(**dataset)
    for key in ("data", "images", "usage"):
        if key in dataset:
            subset[key] = np.asarray(dataset[key])[keep]
    subset.target = new_code[target[keep]]
    subset.target_names = np.array([names[c] for c in codes])
    return subset


def _label_code(label, names):
    if isinstance(label, (int, np.integer)):
        if 0 <= label < len(names):
            return int(label)
    else:
        code = emotion_code(label)
        if code is not None and EMOTIONS[code] in names:
            return names.index(EMOTIONS[code])
        if str(label) in names:
            return names.index(str(label))
    raise ValueError(f"Unknown label {label!r}; the data set has {names}.")
