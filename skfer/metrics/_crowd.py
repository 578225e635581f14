"""Scores against the FER+ crowd: its majority, and its vote distribution."""

import numpy as np
from sklearn.metrics import accuracy_score
from sklearn.utils.validation import check_array, check_consistent_length

from ..datasets import FERPLUS_EMOTIONS
from ..datasets._ferplus_votes import (
    NO_LABEL,
    check_votes,
    distribution,
    emotion_target,
    has_emotion_votes,
    vote_reasons,
)


def majority_accuracy(votes, y_pred, *, rule="plurality", sample_weight=None):
    """Accuracy against the FER+ crowd's majority.

    Images without a clear majority under ``rule`` (the rule of
    :func:`skfer.datasets.load_ferplus`) are left out, so this equals
    :func:`~sklearn.metrics.accuracy_score` of ``load_ferplus(...).target``
    on the same images.

    Parameters
    ----------
    votes : array-like of shape (n_samples, 10) or (n_samples, 8)
        FER+ vote counts in FER+'s column order (the eight
        :data:`~skfer.datasets.FERPLUS_EMOTIONS`, then "unknown" and "NF"),
        as ``load_ferplus(...).votes``; a row of -1 means no FER+ label.
    y_pred : array-like of shape (n_samples,)
        Predicted FER+ names. Predictions of a FER2013 model can be renamed
        with :func:`skfer.datasets.fer2013_to_ferplus`.
    rule : {"plurality", "majority"}, default="plurality"
        Which images have a clear majority; see
        :func:`skfer.datasets.load_ferplus`.
    sample_weight : array-like of shape (n_samples,), default=None
        Sample weights.

    Returns
    -------
    accuracy : float
        The fraction of images with a clear majority whose prediction is it.

    Raises
    ------
    ValueError
        If ``y_pred`` holds something other than FER+ names, the lengths
        differ, or no image has a clear majority.

    See Also
    --------
    crowd_cross_entropy : Predicted probabilities against the whole vote
        distribution.

    Examples
    --------
    >>> from skfer.metrics import majority_accuracy
    >>> votes = [[0, 9, 1, 0, 0, 0, 0, 0, 0, 0],   # happiness
    ...          [4, 0, 0, 4, 0, 0, 0, 0, 2, 0],   # a tie: left out
    ...          [7, 0, 0, 3, 0, 0, 0, 0, 0, 0]]   # neutral
    >>> majority_accuracy(votes, ["happiness", "sadness", "sadness"])
    0.5
    """
    votes = check_votes(votes)
    y_pred = np.asarray(y_pred)
    check_consistent_length(votes, y_pred, sample_weight)
    unknown = sorted({str(v) for v in y_pred.tolist()} - set(FERPLUS_EMOTIONS))
    if y_pred.dtype.kind not in "UO" or unknown:
        raise ValueError(
            f"y_pred must hold FER+ names {list(FERPLUS_EMOTIONS)}, got "
            f"{unknown or y_pred.dtype}; rename FER2013 predictions with "
            f"skfer.datasets.fer2013_to_ferplus."
        )
    clear = vote_reasons(votes, rule) == ""
    if not clear.any():
        raise ValueError(f"No image has a clear majority under rule={rule!r}.")
    weight = None if sample_weight is None else np.asarray(sample_weight)[clear]
    return float(
        accuracy_score(
            emotion_target(votes[clear]), y_pred[clear].astype(str),
            sample_weight=weight,
        )
    )


def crowd_cross_entropy(votes, y_proba, *, labels, sample_weight=None):
    """Cross-entropy of predicted probabilities against the crowd's votes.

    The mean over images of :math:`-\\sum_k p_k \\log q_k`, where :math:`p` is
    the image's FER+ vote distribution over the eight emotions (unknown and
    NF votes left out) and :math:`q` the predicted probabilities, clipped
    below at the float's machine epsilon as in
    :func:`~sklearn.metrics.log_loss`. It is the loss of training on the
    distributions, and :func:`~sklearn.metrics.log_loss` when every image
    has one vote. A model that predicts each image's distribution exactly
    reaches the crowd's own mean entropy, not zero.

    Parameters
    ----------
    votes : array-like of shape (n_samples, 8) or (n_samples, 10)
        FER+ vote counts or distributions in FER+'s column order, as
        ``load_ferplus(...).distribution`` or ``.votes``; each row is divided
        by its emotion total.
    y_proba : array-like of shape (n_samples, n_labels)
        Predicted probabilities, as ``model.predict_proba(X)``.
    labels : array-like of shape (n_labels,)
        The label of each column of ``y_proba``, as ``model.classes_``; it
        must name all eight FER+ emotions, in any order (scikit-learn
        classifiers sort them).
    sample_weight : array-like of shape (n_samples,), default=None
        Sample weights.

    Returns
    -------
    loss : float
        The mean cross-entropy in nats; lower is better.

    Raises
    ------
    ValueError
        If ``labels`` misses a FER+ emotion or repeats one, the shapes do not
        match, or an image has no emotion vote (or no FER+ label).

    See Also
    --------
    majority_accuracy : Predicted labels against the crowd's majority.

    Examples
    --------
    >>> import numpy as np
    >>> from skfer.datasets import FERPLUS_EMOTIONS
    >>> from skfer.metrics import crowd_cross_entropy
    >>> votes = np.zeros((1, 8))
    >>> votes[0, :2] = [5, 5]                     # half neutral, half happiness
    >>> labels = sorted(FERPLUS_EMOTIONS)         # as a classifier's classes_
    >>> proba = np.zeros((1, 8))
    >>> proba[0, [labels.index("neutral"), labels.index("happiness")]] = 0.5
    >>> round(crowd_cross_entropy(votes, proba, labels=labels), 4)  # log(2)
    0.6931
    """
    votes = check_votes(votes)
    y_proba = check_array(y_proba, dtype=(np.float64, np.float32))
    columns = _columns(labels, y_proba)
    check_consistent_length(votes, y_proba, sample_weight)
    if np.any(y_proba < 0):
        raise ValueError("y_proba must be probabilities: it has negative values.")
    no_votes = np.flatnonzero(~has_emotion_votes(votes))
    if no_votes.size:
        raise ValueError(
            f"{no_votes.size} images have no emotion votes ({NO_LABEL!r} or only "
            f"unknown/NF), row {int(no_votes[0])} first: their crowd "
            f"distribution is undefined; leave them out."
        )
    eps = np.finfo(y_proba.dtype).eps
    q = np.clip(y_proba[:, columns], eps, 1)
    losses = -np.sum(distribution(votes) * np.log(q), axis=1)
    return float(np.average(losses, weights=sample_weight))


def _columns(labels, y_proba):
    """Column of ``y_proba`` for each FER+ emotion, in FER+ order."""
    labels = [str(label) for label in np.asarray(labels).ravel()]
    if len(labels) != y_proba.shape[1]:
        raise ValueError(
            f"labels names {len(labels)} columns but y_proba has "
            f"{y_proba.shape[1]}."
        )
    if len(set(labels)) != len(labels):
        raise ValueError(f"labels repeats a name: {labels}.")
    missing = [name for name in FERPLUS_EMOTIONS if name not in labels]
    if missing:
        raise ValueError(
            f"labels {labels} has no column for the FER+ emotion(s) {missing}; "
            f"the crowd's distribution needs a probability for each of "
            f"{list(FERPLUS_EMOTIONS)}."
        )
    return [labels.index(name) for name in FERPLUS_EMOTIONS]
