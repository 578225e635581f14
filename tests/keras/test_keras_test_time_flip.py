"""test_time_flip averages the predictions of each image and its mirror."""

import joblib
import numpy as np
import pytest

from skfer.keras import CNN1Classifier


def _mirror(X, shape):
    h, w = shape
    return X.reshape(-1, h, w)[:, :, ::-1].reshape(len(X), h * w)


@pytest.fixture(scope="module")
def fitted(data, fast):
    X, y = data
    return CNN1Classifier(**fast).fit(X, y)


def test_proba_is_the_mean_of_image_and_mirror(data, fitted):
    X, _ = data
    plain = fitted.predict_proba(X)
    mirrored = fitted.predict_proba(_mirror(X, fitted.image_shape_))
    assert not np.allclose(plain, mirrored), "the mirror must change something"
    fitted.set_params(test_time_flip=True)
    try:
        averaged = fitted.predict_proba(X)
        np.testing.assert_allclose(averaged, (plain + mirrored) / 2, rtol=1e-6)
        assert np.array_equal(
            fitted.predict(X), fitted.classes_[np.argmax(averaged, axis=1)]
        )
    finally:
        fitted.set_params(test_time_flip=False)


def test_three_dimensional_input_is_mirrored_too(data, fitted):
    X, _ = data
    images = X.reshape(-1, *fitted.image_shape_)
    fitted.set_params(test_time_flip=True)
    try:
        np.testing.assert_allclose(
            fitted.predict_proba(images), fitted.predict_proba(X), rtol=1e-6
        )
    finally:
        fitted.set_params(test_time_flip=False)


def test_pickles_without_the_parameter_load_as_off(fitted, tmp_path):
    state = fitted.__getstate__()
    del state["test_time_flip"]
    old = CNN1Classifier.__new__(CNN1Classifier)
    old.__setstate__(state)
    assert old.test_time_flip is False
    path = tmp_path / "old.joblib"
    joblib.dump(old, path)
    assert joblib.load(path).get_params()["test_time_flip"] is False


@pytest.mark.parametrize(
    "param, value",
    [("test_time_flip", "yes"), ("augment", 1), ("lr_factor", 1.5), ("patience", -1)],
)
def test_bad_parameters_are_named_at_fit(data, fast, param, value):
    X, y = data
    with pytest.raises(ValueError, match=f"'{param}' parameter of CNN1Classifier"):
        CNN1Classifier(**{**fast, param: value}).fit(X, y)
