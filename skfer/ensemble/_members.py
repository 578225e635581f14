"""Checks and label handling of the members of a voting ensemble."""

import numpy as np
from sklearn.exceptions import NotFittedError
from sklearn.frozen import FrozenEstimator
from sklearn.utils.validation import check_is_fitted


def freeze(name, member):
    """``member`` in a FrozenEstimator, after checking that it is fitted."""
    try:
        check_is_fitted(member)
    except NotFittedError as exc:
        raise NotFittedError(
            f"Member {name!r} ({type(member).__name__}) is not fitted: fit it "
            "first, or pass fit_members=True to fit the members here."
        ) from exc
    return member if isinstance(member, FrozenEstimator) else FrozenEstimator(member)


def shared_classes(names, members):
    """The ``classes_`` all members share; a ValueError listing them if not."""
    classes = [np.asarray(m.classes_) for m in members]
    if any(not np.array_equal(c, classes[0]) for c in classes[1:]):
        listing = "; ".join(f"{n!r}: {c.tolist()}" for n, c in zip(names, classes))
        raise ValueError(f"The members do not share one set of classes: {listing}.")
    return classes[0]


def label_codes(classes, labels):
    """Column index in ``classes`` of each label (``classes`` need not be sorted)."""
    labels = np.asarray(labels)
    unknown = ~np.isin(labels, classes)
    if np.any(unknown):
        raise ValueError(
            f"Labels {np.unique(labels[unknown]).tolist()} are not among the "
            f"members' classes {classes.tolist()}."
        )
    order = np.argsort(classes)
    return order[np.searchsorted(classes, labels, sorter=order)]


def given_weights(weights, estimators):
    """User weights (None: uniform) of the members not dropped, summing to 1."""
    kept = [not dropped(m) for _, m in estimators]
    if weights is None:
        return np.full(sum(kept), 1 / sum(kept))
    w = np.asarray(weights, dtype=float)[kept]
    if np.any(w < 0) or w.sum() <= 0:
        raise ValueError(f"weights must be non-negative, not all zero; got {weights}.")
    return w / w.sum()


def dropped(member):
    return isinstance(member, str) and member == "drop"


def is_auto(weights):
    return isinstance(weights, str) and weights == "auto"
