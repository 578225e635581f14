"""test_time_augmentation averages the predictions of several views."""

import joblib
import numpy as np
import pytest

from skfer.augment import ten_crop
from skfer.keras import CNN1Classifier


def _mirror(X, shape):
    h, w = shape
    return X.reshape(-1, h, w)[:, :, ::-1].reshape(len(X), h * w)


@pytest.fixture(scope="module")
def fitted(data, fast):
    X, y = data
    return CNN1Classifier(**fast).fit(X, y)


@pytest.fixture
def tta(fitted):
    """The fitted classifier with a view setting, put back afterwards."""

    def use(views):
        fitted.set_params(test_time_augmentation=views)
        return fitted

    yield use
    fitted.set_params(test_time_augmentation=None)


def test_flip_is_the_mean_of_image_and_mirror(data, fitted, tta):
    X, _ = data
    plain = fitted.predict_proba(X)
    mirrored = fitted.predict_proba(_mirror(X, fitted.image_shape_))
    assert not np.allclose(plain, mirrored), "the mirror must change something"
    averaged = tta("flip").predict_proba(X)
    np.testing.assert_allclose(averaged, (plain + mirrored) / 2, rtol=1e-6)
    assert np.array_equal(fitted.predict(X), fitted.classes_[np.argmax(averaged, 1)])


def test_ten_crop_is_the_mean_of_the_ten_crops(data, fitted, tta):
    X, _ = data
    h, w = fitted.image_shape_
    crops = ten_crop(X.reshape(-1, h, w))
    each = [fitted.predict_proba(c.reshape(len(X), -1)) for c in crops]
    averaged = tta("ten-crop").predict_proba(X)
    assert averaged.shape == (len(X), len(fitted.classes_))
    np.testing.assert_allclose(averaged, np.mean(each, axis=0), rtol=1e-5)


@pytest.mark.parametrize("views", ["flip", "ten-crop"])
def test_views_of_a_constant_image_predict_as_the_image(fitted, tta, views):
    X = np.full((3, np.prod(fitted.image_shape_)), 117, dtype=np.uint8)
    plain = fitted.predict_proba(X)
    np.testing.assert_allclose(tta(views).predict_proba(X), plain, rtol=1e-6)


@pytest.mark.parametrize("views", ["flip", "ten-crop"])
def test_three_dimensional_input_gives_the_same_views(data, fitted, tta, views):
    X, _ = data
    images = X.reshape(-1, *fitted.image_shape_)
    clf = tta(views)
    np.testing.assert_allclose(
        clf.predict_proba(images), clf.predict_proba(X), rtol=1e-6
    )


@pytest.mark.parametrize("flip, views", [(True, "flip"), (False, None), (None, None)])
def test_pickles_of_the_old_test_time_flip_load_as_views(fitted, tmp_path, flip, views):
    state = fitted.__getstate__()
    del state["test_time_augmentation"]
    if flip is not None:
        state["test_time_flip"] = flip
    old = CNN1Classifier.__new__(CNN1Classifier)
    old.__setstate__(state)
    assert old.test_time_augmentation == views
    assert "test_time_flip" not in vars(old)
    path = tmp_path / "old.joblib"
    joblib.dump(old, path)
    assert joblib.load(path).get_params()["test_time_augmentation"] == views


@pytest.mark.parametrize(
    "param, value",
    [
        ("test_time_augmentation", "yes"),
        ("augment", 1),
        ("lr_factor", 1.5),
        ("patience", -1),
        ("epochs", 0),
        ("lr_schedule", "step"),
        ("label_smoothing", 1.0),
        ("ema_momentum", 1.0),
        ("weight_decay", -1e-4),
        ("warmup_epochs", -1),
        ("batch_size", 0),
        ("batch_size", -2),
        ("validation_split", -0.1),
        ("validation_split", 1.0),
    ],
)
def test_bad_parameters_are_named_at_fit(data, fast, param, value):
    X, y = data
    with pytest.raises(ValueError, match=f"'{param}' parameter of CNN1Classifier"):
        CNN1Classifier(**{**fast, param: value}).fit(X, y)
