"""Checks of a Keras classifier's images and labels, with clear messages."""

import numpy as np
from scipy import sparse

from ..utils import to_images


def check_images(est, X, reset):
    """``X`` as dense ``(n_samples, height * width)`` rows, its pixel count
    checked against ``est.image_shape`` (and ``n_features_in_`` after fit)."""
    if sparse.issparse(X):
        raise TypeError(
            "Sparse input is not supported: images are dense pixels. "
            "Convert X with X.toarray()."
        )
    X = np.asarray(X)
    if X.ndim == 3:
        X = X.reshape(len(X), -1)
    if not reset:
        _check_n_features(est, X)
    if est.image_shape is not None and X.ndim == 2:
        to_images(X, est.image_shape)  # names both pixel counts if wrong
    return X

def _check_n_features(est, X):
    n_features = np.shape(X)[1] if np.ndim(X) == 2 else None
    expected = getattr(est, "n_features_in_", None)
    if None not in (n_features, expected) and n_features != expected:
        raise ValueError(
            f"X has {n_features} features, but {type(est).__name__} is "
            f"expecting {expected} features as input "
            f"(image_shape_={est.image_shape_})."
        )

def check_classes(est, y, reset):
    """At least two classes in fit; no class unseen in fit afterwards."""
    labels = np.unique(y)
    if reset and getattr(est, "classes_", None) is None and len(labels) < 2:
        raise ValueError(
            f"{type(est).__name__} needs samples of at least 2 classes; "
            f"y has only one class: {labels.tolist()}."
        )
    classes = getattr(est, "classes_", None)
    if not reset and classes is not None:
        unseen = np.setdiff1d(labels, classes)
        if unseen.size:
            raise ValueError(
                f"y contains labels not seen in fit: {unseen.tolist()}; "
                f"classes_ is {np.asarray(classes).tolist()}."
            )
