"""Class 3 of issue #15: estimators refuse what they cannot handle.

Integer images holding 0..255 are 8-bit gray whatever their dtype (pandas
and ``np.array`` give int64); voting weights must be finite; Keras
classifiers refuse parameters Keras would take silently and give one row of
probabilities per image.
"""

import numpy as np
import pytest
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.dummy import DummyClassifier
from sklearn.linear_model import LogisticRegression

from skfer.augment import add_gaussian_noise, linear_contrast, sharpen
from skfer.ensemble import PrefitVotingClassifier
from skfer.over_sampling import AugmentingOversampler

RNG = np.random.default_rng(0)
X8 = RNG.integers(0, 256, size=(40, 64), dtype=np.uint8)
Y = np.repeat([0, 1], [30, 10])


def _resample(X):
    sampler = AugmentingOversampler(image_shape=(8, 8), random_state=0)
    return sampler.fit_resample(X, Y)[0]


@pytest.mark.parametrize("dtype", [np.int64, np.int32, np.int16, np.uint16, np.uint32])
def test_oversampler_reads_wide_integers_as_8_bit_gray(dtype):
    X_res = _resample(X8.astype(dtype))
    assert X_res.dtype == dtype
    np.testing.assert_array_equal(X_res, _resample(X8))


def test_oversampler_keeps_16_bit_images_in_their_range():
    X16 = X8.astype(np.uint16) * 257
    X_res = _resample(X16)
    assert X_res.dtype == np.uint16 and X_res.max() <= 65535
    # Noise scales with the 16-bit range: new images differ by more than 255.
    assert np.abs(X_res[40:].astype(int) - X16[Y == 1][:1].astype(int)).max() > 255


def test_oversampler_keeps_other_integers_within_their_values():
    X = X8.astype(np.int64) - 300
    X_res = _resample(X)
    assert X.min() <= X_res.min() and X_res.max() <= X.max()


@pytest.mark.parametrize(
    "X, error, fragment",
    [
        (X8 > 128, ValueError, "X is boolean"),
        (np.where(X8 > 250, np.nan, X8), ValueError, "NaN"),
        (np.where(X8 > 250, np.inf, X8), ValueError, "infinity"),
        (X8[:, :60], ValueError, "image_shape=(8, 8) needs 64"),
        (X8.astype(str), ValueError, "not compatible with arrays of bytes/strings"),
    ],
)
def test_oversampler_refuses(X, error, fragment):
    with pytest.raises(error) as info:
        _resample(X)
    assert fragment in str(info.value)


@pytest.mark.parametrize("augment", [add_gaussian_noise, linear_contrast, sharpen])
@pytest.mark.parametrize("dtype", [np.int64, np.uint16])
def test_augmentations_read_wide_integers_as_8_bit_gray(augment, dtype):
    images = X8.reshape(-1, 8, 8)
    out = augment(images.astype(dtype), random_state=0)
    np.testing.assert_array_equal(out, augment(images, random_state=0))


@pytest.mark.parametrize("augment", [add_gaussian_noise, linear_contrast, sharpen])
def test_augmentations_refuse_integers_without_a_range(augment):
    images = X8.reshape(-1, 8, 8).astype(np.int64) * 1000
    with pytest.raises(ValueError, match=r"pass value_range=\(low, high\)"):
        augment(images, random_state=0)
    out = augment(images, value_range=(0, 255000), random_state=0)
    assert 0 <= out.min() and out.max() <= 255000


def _members():
    X, y = RNG.normal(size=(60, 4)), np.repeat([0, 1, 2], 20)
    lr = LogisticRegression().fit(X, y)
    dummy = DummyClassifier(strategy="prior").fit(X, y)
    return X, y, [("lr", lr), ("dummy", dummy)]


@pytest.mark.parametrize(
    "weights, fragment",
    [
        ([np.nan, 1.0], "finite and non-negative"),
        ([np.inf, 1.0], "finite and non-negative"),
        ([-1.0, 2.0], "finite and non-negative"),
        ([0.0, 0.0], "not all zero"),
        (["a", "b"], "one per estimator"),
        ([[1.0, 2.0]], "1 weights for 2 estimators"),
        ([1.0, 2.0, 3.0], "3 weights for 2 estimators"),
    ],
)
def test_voting_refuses_weights(weights, fragment):
    X, y, members = _members()
    with pytest.raises(ValueError) as info:
        PrefitVotingClassifier(members, weights=weights).fit(X, y)
    assert fragment in str(info.value)


def test_voting_refuses_x_and_y_of_different_lengths():
    X, y, members = _members()
    with pytest.raises(ValueError, match="inconsistent numbers of samples"):
        PrefitVotingClassifier(members, weights="auto").fit(X, y[:-5])


class _FlatProba(ClassifierMixin, BaseEstimator):
    """A member that, like a buggy Keras classifier, drops the batch axis."""

    def fit(self, X, y):
        self.classes_ = np.unique(y)
        return self

    def predict_proba(self, X):
        proba = np.full((len(X), len(self.classes_)), 1 / len(self.classes_))
        return proba[0] if len(X) == 1 else proba


def test_voting_names_a_member_returning_the_wrong_shape():
    X, y, members = _members()
    vote = PrefitVotingClassifier([*members, ("flat", _FlatProba().fit(X, y))])
    vote.fit(X, y)
    assert vote.predict_proba(X[:2]).shape == (2, 3)
    with pytest.raises(ValueError, match=r"'flat' returned predict_proba of shape"):
        vote.predict_proba(X[:1])


def test_voting_with_weights_predicts_correctly():
    X, y, members = _members()
    vote = PrefitVotingClassifier(members, weights=[1.0, 0.0]).fit(X, y)
    np.testing.assert_allclose(vote.predict_proba(X), members[0][1].predict_proba(X))


# -- Keras classifiers ----------------------------------------------------------


@pytest.fixture(scope="module")
def keras_data():
    pytest.importorskip("tensorflow")
    return X8[:32].repeat(9, axis=1), np.tile([0, 1, 2, 3], 8)


def _cnn(**params):
    from skfer.keras import CNN1Classifier

    base = dict(width=2, epochs=1, batch_size=8, image_shape=(24, 24), random_state=0)
    return CNN1Classifier(**{**base, **params})


@pytest.mark.parametrize(
    "params",
    [
        {"epochs": 0},
        {"validation_split": -0.1},
        {"validation_split": 1.0},
        {"batch_size": 0},
        {"batch_size": -3},
    ],
)
def test_keras_classifier_refuses_parameters(params, keras_data):
    with pytest.raises(ValueError, match=next(iter(params))):
        _cnn(**params).fit(*keras_data)


def test_keras_predict_proba_of_one_sample_is_2d(keras_data):
    clf = _cnn(run_eagerly=True).fit(*keras_data)
    assert clf.predict_proba(keras_data[0][:1]).shape == (1, 4)
