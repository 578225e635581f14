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
    try:
        w = np.asarray(weights, dtype=float)
    except (TypeError, ValueError):
        w = np.empty(0)
    if w.shape != (len(estimators),):
        raise ValueError(
            f"weights must be {len(estimators)} numbers, one per estimator; "
            f"got {weights!r}."
        )
    w = w[kept]
    # NaN passes both comparisons below and then votes for class 0 everywhere.
    if not np.isfinite(w).all() or np.any(w < 0) or w.sum() <= 0:
        raise ValueError(
            f"weights must be finite and non-negative, not all zero for the "
            f"members kept; got {weights}."
        )
    return w / w.sum()


def check_outputs(names, outputs, n_samples, n_classes, method):
    """Each member's ``predict_proba`` (n_samples, n_classes) or ``predict``
    (n_samples,); a ValueError naming the member otherwise."""
    expected = (n_samples, n_classes) if method == "predict_proba" else (n_samples,)
    for name, output in zip(names, outputs):
        shape = np.shape(output)
        if shape != expected:
            raise ValueError(
                f"Member {name!r} returned {method} of shape {shape} for "
                f"{n_samples} samples; expected {expected}."
            )


def dropped(member):
    return isinstance(member, str) and member == "drop"


def is_auto(weights):
    return isinstance(weights, str) and weights == "auto"
