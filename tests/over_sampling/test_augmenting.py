from collections import Counter

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from imblearn.pipeline import make_pipeline
from sklearn.dummy import DummyClassifier
from sklearn.model_selection import StratifiedKFold, cross_validate

from skfer.over_sampling import AugmentingOversampler


def _images(counts, shape=(8, 8), seed=0):
    rng = np.random.default_rng(seed)
    y = np.repeat(np.arange(len(counts)), counts)
    X = rng.integers(0, 256, size=(len(y), shape[0] * shape[1]), dtype=np.uint8)
    return X, y


def test_originals_first_and_unchanged_uint8_kept():
    X, y = _images([20, 5, 9])
    sampler = AugmentingOversampler(image_shape=(8, 8), random_state=0)
    X_res, y_res = sampler.fit_resample(X, y)
    assert X_res.dtype == np.uint8
    np.testing.assert_array_equal(X_res[: len(X)], X)
    np.testing.assert_array_equal(y_res[: len(y)], y)
    assert Counter(y_res.tolist()) == {0: 20, 1: 20, 2: 20}
    # Every new row is an augmented copy of an original of its own class.
    np.testing.assert_array_equal(y[sampler.sample_indices_], y_res)
    # Weak draws (noise sigma near 0, a 0-pixel crop) may leave a copy as is.
    new = slice(len(X), None)
    same = np.all(X_res[new] == X[sampler.sample_indices_[new]], axis=1)
    assert same.mean() < 0.2


def test_same_random_state_same_output():
    X, y = _images([30, 4])
    a = AugmentingOversampler(image_shape=(8, 8), random_state=3).fit_resample(X, y)
    b = AugmentingOversampler(image_shape=(8, 8), random_state=3).fit_resample(X, y)
    c = AugmentingOversampler(image_shape=(8, 8), random_state=4).fit_resample(X, y)
    np.testing.assert_array_equal(a[0], b[0])
    assert not np.array_equal(a[0], c[0])


def test_only_chosen_augmentation_runs():
    X, y = _images([10, 2])
    sampler = AugmentingOversampler(
        augmentations={"flip": None}, image_shape=(8, 8), random_state=0
    )
    X_res, _ = sampler.fit_resample(X, y)
    flipped = X[sampler.sample_indices_[12:]].reshape(-1, 8, 8)[:, :, ::-1]
    np.testing.assert_array_equal(X_res[12:], flipped.reshape(8, -1))


def test_float_images_stay_in_their_range():
    X, y = _images([15, 3])
    X = X / 255.0
    X_res, _ = AugmentingOversampler(image_shape=(8, 8), random_state=0).fit_resample(
        X, y
    )
    assert X_res.dtype == np.float64
    assert X.min() <= X_res.min() and X_res.max() <= X.max()


@settings(max_examples=25, deadline=None)
@given(
    counts=st.lists(st.integers(1, 12), min_size=2, max_size=5),
    strategy=st.sampled_from(["auto", "all", "minority", "not majority"]),
    seed=st.integers(0, 2**16),
)
def test_counts_follow_sampling_strategy(counts, strategy, seed):
    X, y = _images(counts, shape=(4, 5), seed=seed)
    sampler = AugmentingOversampler(
        sampling_strategy=strategy, image_shape=(4, 5), random_state=seed
    )
    _, y_res = sampler.fit_resample(X, y)
    after = Counter(y_res.tolist())
    for label, n in Counter(y.tolist()).items():
        assert after[label] == n + sampler.sampling_strategy_.get(label, 0)


def test_dict_and_callable_strategies():
    X, y = _images([10, 3, 5])
    sampler = AugmentingOversampler(
        sampling_strategy={1: 8, 2: 5}, image_shape=(8, 8), random_state=0
    )
    assert Counter(sampler.fit_resample(X, y)[1].tolist()) == {0: 10, 1: 8, 2: 5}
    sampler.set_params(sampling_strategy=lambda y: {1: 6})
    assert Counter(sampler.fit_resample(X, y)[1].tolist()) == {0: 10, 1: 6, 2: 5}


@pytest.mark.parametrize(
    "params, X_change, match",
    [
        ({"sampling_strategy": {1: 2}}, None, "greater or equal"),
        ({"image_shape": (7, 7)}, None, "64 features per sample.*49"),
        ({}, "nan", "NaN"),
        ({"augmentations": {"blur": (0, 1)}}, None, "unknown \\['blur'\\]"),
        ({"augmentations": {"crop": (0.2, 0.1)}}, None, "fraction"),
    ],
)
def test_bad_input_is_named(params, X_change, match):
    X, y = _images([10, 3])
    if X_change == "nan":
        X = X.astype(float)
        X[0, 0] = np.nan
    sampler = AugmentingOversampler(image_shape=(8, 8), random_state=0)
    with pytest.raises(ValueError, match=match):
        sampler.set_params(**params).fit_resample(X, y)


class _RecordingClassifier(DummyClassifier):
    """Remembers the rows it was fitted on and the rows it was asked about."""

    def fit(self, X, y, sample_weight=None):
        self.X_fit_ = np.asarray(X).copy()
        return super().fit(X, y, sample_weight)

    def predict(self, X):
        self.X_predict_ = np.asarray(X).copy()
        return super().predict(X)


def test_pipeline_balances_in_fit_only():
    X, y = _images([40, 6])
    model = make_pipeline(
        AugmentingOversampler(image_shape=(8, 8), random_state=0),
        _RecordingClassifier(),
    ).fit(X, y)
    assert len(model[-1].X_fit_) == 80
    model.score(X[:7], y[:7])
    np.testing.assert_array_equal(model[-1].X_predict_, X[:7])


def test_cv_folds_never_train_on_copies_of_held_out_images():
    X, y = _images([40, 8, 12])
    model = make_pipeline(
        AugmentingOversampler(image_shape=(8, 8), random_state=0),
        _RecordingClassifier(),
    )
    cv = StratifiedKFold(n_splits=4, shuffle=True, random_state=0)
    result = cross_validate(
        model, X, y, cv=cv, return_estimator=True, return_indices=True
    )
    for fitted, train, test in zip(
        result["estimator"], result["indices"]["train"], result["indices"]["test"]
    ):
        sources = train[fitted[0].sample_indices_]
        assert len(sources) > len(train)  # it did over-sample
        assert not np.isin(sources, test).any()
        # The classifier saw exactly the resampled training rows.
        assert len(fitted[-1].X_fit_) == len(sources)


def test_balancing_before_splitting_leaks():
    # The contrast case: resampling the whole set first puts augmented copies
    # of held-out images into the training folds.
    X, y = _images([40, 8, 12])
    sampler = AugmentingOversampler(image_shape=(8, 8), random_state=0)
    sampler.fit_resample(X, y)
    sources = sampler.sample_indices_
    cv = StratifiedKFold(n_splits=4, shuffle=True, random_state=0)
    leaks = 0
    for train, test in cv.split(sources.reshape(-1, 1), y[sources]):
        leaks += np.isin(sources[train], sources[test]).sum()
    assert leaks > 0
