"""Bad input gives errors that say what is wrong."""

import numpy as np
import pytest

from skfer.keras import CNN1Classifier


def test_wrong_feature_count_names_both_numbers(data, fast):
    X, y = data
    with pytest.raises(ValueError, match=r"575 features.*\(24, 24\) needs 576"):
        CNN1Classifier(**fast).fit(X[:, :-1], y)


def test_wrong_feature_count_at_predict(data, fast):
    X, y = data
    clf = CNN1Classifier(**fast).fit(X, y)
    message = "X has 100 features, but CNN1Classifier is expecting 576"
    with pytest.raises(ValueError, match=message):
        clf.predict(X[:, :100])


def test_bad_image_shape(data, fast):
    X, y = data
    with pytest.raises(ValueError, match="image_shape"):
        CNN1Classifier(**dict(fast, image_shape=(24,))).fit(X, y)


def test_nan_is_refused(data, fast):
    X, y = data
    X = X.astype(float)
    X[0, 0] = np.nan
    with pytest.raises(ValueError, match="NaN"):
        CNN1Classifier(**fast).fit(X, y)


def test_single_class_is_refused(data, fast):
    X, y = data
    with pytest.raises(ValueError, match="at least 2 classes"):
        CNN1Classifier(**fast).fit(X, np.zeros_like(y))


def test_labels_unseen_at_fit_are_refused(data, fast):
    X, y = data
    clf = CNN1Classifier(**fast).fit(X, y)
    with pytest.raises(ValueError, match="not seen in fit: \\[99\\]"):
        clf.partial_fit(X[:4], np.array([99, *y[1:4]]))
