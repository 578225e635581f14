"""Exact pixel duplicates between two sets of images."""

import numpy as np
from sklearn.utils.validation import check_array


def duplicated_in(X, reference):
    """Mask of the images of ``X`` that also occur, pixel for pixel, in ``reference``.

    FER2013 repeats some images across its splits: 270 distinct images of
    Training also occur in PublicTest. A model scored on them is partly
    scored on images it was trained on; ``X[~duplicated_in(X, train)]`` is
    the part of a test set that no model has seen.

    Parameters
    ----------
    X : array-like of shape (n_samples, n_features)
        Flattened images to look up.
    reference : array-like of shape (n_reference, n_features)
        Flattened images to look them up in, such as a training set.

    Returns
    -------
    mask : ndarray of shape (n_samples,), dtype=bool
        True where the image equals one of ``reference``. Equal values
        match whatever their dtypes (uint8 ``7`` equals float ``7.0``).

    Examples
    --------
    >>> import numpy as np
    >>> from skfer.datasets import duplicated_in
    >>> train = np.array([[0, 1, 2, 3], [4, 5, 6, 7]], dtype=np.uint8)
    >>> duplicated_in(np.array([[4, 5, 6, 7], [7, 6, 5, 4]]), train)
    array([ True, False])
    """
    X, reference = _flat_images(X, "X"), _flat_images(reference, "reference")
    if X.shape[1] != reference.shape[1]:
        raise ValueError(
            f"X has {X.shape[1]} pixels per image and reference has "
            f"{reference.shape[1]}; duplicates need images of one size."
        )
    dtype = np.result_type(X, reference)
    seen = set(_row_bytes(reference, dtype))
    return np.fromiter((row in seen for row in _row_bytes(X, dtype)), bool, len(X))


def _flat_images(images, name):
    images = check_array(
        images, dtype=None, allow_nd=True, ensure_min_samples=0, input_name=name
    )
    if images.ndim != 2:
        raise ValueError(
            f"{name} must hold flattened images, shape (n_samples, n_pixels); "
            f"got shape {images.shape}."
        )
    return images


def _row_bytes(X, dtype):
    # + 0 turns -0.0 into 0.0, whose bytes differ although the values are equal.
    X = np.ascontiguousarray(X, dtype=dtype) + dtype.type(0)
    return map(bytes, X)
