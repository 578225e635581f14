"""FER2013 and FER+ label names, the mapping between them, label subsets."""

import numpy as np
from sklearn.utils import Bunch
from sklearn.utils.multiclass import unique_labels

#: FER2013 expression names, indexed by their code 0..6.
EMOTIONS = ("angry", "disgust", "fear", "happy", "sad", "surprise", "neutral")
#: The original report's 3-label task.
THREE_LABELS = ("happy", "sad", "neutral")
#: FER+ emotion names, in the order of FER+'s vote columns (Barsoum et al. 2016).
FERPLUS_EMOTIONS = (
    "neutral",
    "happiness",
    "surprise",
    "sadness",
    "anger",
    "disgust",
    "fear",
    "contempt",
)
# FER+ has no counterpart of "contempt" in FER2013; the other seven map one to one.
_FER2013_TO_FERPLUS = dict(
    zip(EMOTIONS, ("anger", "disgust", "fear", "happiness", "sadness", "surprise",
                   "neutral"))
)

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


def fer2013_to_ferplus(y):
    """Name FER2013 labels after their FER+ emotion.

    The mapping is angry -> anger, disgust -> disgust, fear -> fear,
    happy -> happiness, sad -> sadness, surprise -> surprise,
    neutral -> neutral. FER+'s eighth emotion, contempt, has no FER2013
    counterpart, so no FER2013 label becomes it. Use it to score a model
    trained on FER2013 against FER+ targets (:func:`load_ferplus`), or a
    FER+ model against FER2013 labels, in one label space.

    Parameters
    ----------
    y : array-like of shape (n_samples,)
        FER2013 codes 0..6, or FER2013 expression names (any spelling
        :func:`emotion_code` accepts, so FER+ names pass through unchanged,
        except "contempt").

    Returns
    -------
    names : ndarray of str, shape (n_samples,)
        The FER+ names (:data:`FERPLUS_EMOTIONS`).

    Raises
    ------
    ValueError
        If a label is not a FER2013 code or expression name; the message
        names it.

    Examples
    --------
    >>> from skfer.datasets import fer2013_to_ferplus
    >>> fer2013_to_ferplus([0, 3, 6]).tolist()
    ['anger', 'happiness', 'neutral']
    >>> fer2013_to_ferplus(["sad", "Surprise"]).tolist()
    ['sadness', 'surprise']
    """
    y = np.asarray(y)
    values, inverse = np.unique(y, return_inverse=True)
    names = [_ferplus_name(value.item()) for value in values]
    return np.array(names, dtype=f"<U{max(map(len, FERPLUS_EMOTIONS))}")[
        inverse.reshape(y.shape)
    ]


def _ferplus_name(label):
    if isinstance(label, (int, np.integer)) and not isinstance(label, bool):
        code = int(label) if 0 <= label < len(EMOTIONS) else None
    else:
        code = emotion_code(label)
    if code is None:
        raise ValueError(
            f"{label!r} is not a FER2013 label: expected a code 0..6 or one of "
            f"{list(EMOTIONS)}; FER+'s 'contempt' has no FER2013 counterpart."
        )
    return _FER2013_TO_FERPLUS[EMOTIONS[code]]


def select_labels(dataset, labels):
    """Keep the samples of some expressions, with their codes unchanged.

    This builds, for instance, the original report's 3-label task
    (happy, sad, neutral) from the 7-label data. Codes are kept (happy
    stays 3), so that a model trained on the subset predicts codes that
    :func:`class_names` names, like every other FER2013 model: one encoding
    for every label subset.

    Parameters
    ----------
    dataset : Bunch
        As returned by :func:`load_fer2013`, with ``data``, ``target`` and
        ``target_names``; ``images`` and ``usage`` are subset too when present.
    labels : sequence of str or int
        Expression names or codes of ``dataset.target_names``.

    Returns
    -------
    subset : Bunch
        Same keys, rows of the chosen classes only; ``target`` and
        ``target_names`` unchanged in meaning (``target_names[target]``
        still names each sample).

    Examples
    --------
    >>> from skfer.datasets import load_fer2013_sample, select_labels
    >>> three = select_labels(load_fer2013_sample(), ["happy", "sad", "neutral"])
    >>> sorted(set(three.target.tolist())), three.target_names[3]
    ([3, 4, 6], np.str_('happy'))
    """
    names = [str(n) for n in dataset.target_names]
    codes = [_label_code(label, names) for label in labels]
    if len(set(codes)) != len(codes):
        raise ValueError(f"labels has duplicates: {list(labels)!r}.")
    keep = np.isin(np.asarray(dataset.target), codes)
    subset = Bunch(**dataset)
    for key in ("data", "images", "usage", "target"):
        if key in dataset:
            subset[key] = np.asarray(dataset[key])[keep]
    return subset


def class_names(labels, target_names=None):
    """Names of class labels, in their order: the one place skfer names classes.

    ``target_names`` wins when given. Otherwise integer codes 0..6 are named
    after :data:`EMOTIONS` (FER2013's encoding, which label subsets keep)
    and other labels, such as FER+'s emotion names, are shown as text.

    Parameters
    ----------
    labels : array-like of shape (n_classes,)
        Class labels, e.g. a classifier's ``classes_``.
    target_names : sequence of str, default=None
        Names to use instead, one per label.

    Returns
    -------
    names : list of str

    Examples
    --------
    >>> from skfer.datasets import class_names
    >>> class_names([3, 4, 6]), class_names(["happiness", "contempt"])
    (['happy', 'sad', 'neutral'], ['happiness', 'contempt'])
    """
    labels = list(labels)
    if target_names is not None:
        names = [str(name) for name in target_names]
        if len(names) != len(labels):
            raise ValueError(
                f"{len(names)} target_names for {len(labels)} labels {labels}."
            )
        return names
    return [_name(label) for label in labels]


def sorted_labels(*ys):
    """The labels found in ``ys``, in their natural order.

    As :func:`sklearn.utils.multiclass.unique_labels` (sorted), except that
    FER+'s emotion names come in FER+'s order rather than alphabetically, so
    that reports and matrices read like FER+'s own tables.

    Parameters
    ----------
    *ys : array-like
        Label arrays, e.g. ``y_true`` and ``y_pred``.

    Returns
    -------
    labels : ndarray of shape (n_classes,)

    Examples
    --------
    >>> from skfer.datasets import sorted_labels
    >>> sorted_labels(["sadness", "neutral"], ["happiness"]).tolist()
    ['neutral', 'happiness', 'sadness']
    """
    labels = unique_labels(*ys)
    if labels.dtype.kind in "UO" and set(labels.tolist()) <= set(FERPLUS_EMOTIONS):
        labels = labels[np.argsort([FERPLUS_EMOTIONS.index(name) for name in labels])]
    return labels


def _name(label):
    if isinstance(label, (int, np.integer)) and 0 <= label < len(EMOTIONS):
        return EMOTIONS[label]
    return str(label)


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
