"""Every architecture fits, predicts, clones and pickles like a classifier."""

import pickle
import re
from pathlib import Path

import numpy as np
import pytest
from sklearn.base import clone

import skfer.keras
from skfer.augment import TrainingAugmentation
from skfer.keras import (
    ARCHITECTURES,
    CNN1Classifier,
    CNN2Classifier,
    HOGCNNClassifier,
)

ALL = pytest.mark.parametrize("cls", ARCHITECTURES.values(), ids=ARCHITECTURES)


@ALL
def test_fit_predict_clone_pickle(cls, data, shape, fast):
    X, y = data
    clf = cls(**dict(fast, run_eagerly=False)).fit(X, y)
    proba = clf.predict_proba(X[:5])
    assert proba.shape == (5, 3)
    np.testing.assert_allclose(proba.sum(axis=1), 1, rtol=1e-5)
    assert set(clf.predict(X)) <= set(np.unique(y))
    assert clf.image_shape_ == (24, 24)
    assert set(clf.history_) >= {"loss", "val_loss", "accuracy", "learning_rate"}

    fresh = clone(clf)
    assert fresh.get_params() == clf.get_params()
    assert not hasattr(fresh, "model_")

    restored = pickle.loads(pickle.dumps(clf))
    np.testing.assert_array_equal(restored.predict_proba(X[:5]), proba)


def test_same_seed_same_model(data, fast):
    X, y = data
    params = dict(fast, epochs=2, augment=True)
    first, second = (CNN1Classifier(**params).fit(X, y) for _ in range(2))
    np.testing.assert_array_equal(first.predict_proba(X), second.predict_proba(X))
    other = CNN1Classifier(**{**params, "random_state": 1}).fit(X, y)
    assert not np.array_equal(first.predict_proba(X), other.predict_proba(X))


def test_augmentation_trains_on_new_images_and_stays_out_of_prediction(data, fast):
    X, y = data
    seen = []

    class Spy(TrainingAugmentation):
        def __call__(self, images, random_state=None):
            out = super().__call__(images, random_state)
            seen.append((images.copy(), out))
            return out

    clf = CNN1Classifier(**dict(fast, augment=Spy())).fit(X, y)
    n_seen = len(seen)
    assert n_seen > 0 and all(a.shape == b.shape for a, b in seen)
    assert any(not np.array_equal(a, b) for a, b in seen)
    np.testing.assert_array_equal(clf.predict_proba(X), clf.predict_proba(X))
    assert len(seen) == n_seen, "prediction must not augment"
    assert not any("random" in layer.name for layer in clf.model_.layers)


def test_routed_model_and_optimizer_parameters(data, fast):
    X, y = data
    clf = CNN2Classifier(
        **fast, model__dropout=0.4, optimizer__learning_rate=0.01
    ).fit(X, y)
    rates = {layer.rate for layer in clf.model_.layers if "dropout" in layer.name}
    assert 0.4 in rates
    assert float(clf.model_.optimizer.learning_rate) == pytest.approx(0.01)


def test_hog_branch_gets_routed_hog_parameters(data, shape, fast):
    X, y = data
    clf = HOGCNNClassifier(**fast, hog__orientations=4).fit(X, y)
    assert clf.feature_encoder_.hog_.orientations == 4
    assert clf.model_.get_layer("hog").output.shape[-1] == (
        clf.feature_encoder_.n_hog_features_
    )


def test_training_defaults_of_the_report(data, fast):
    X, y = data
    clf = CNN1Classifier(**dict(fast, epochs=3)).fit(X, y)
    kinds = {type(cb).__name__ for cb in clf._fit_callbacks}
    assert {"EarlyStopping", "ReduceLROnPlateau"} <= kinds
    assert type(clf.model_.optimizer).__name__ == "Adam"
    assert len(clf.history_["loss"]) == 3


def test_class_weight_balanced_weighs_the_training_batches(data, fast, monkeypatch):
    from sklearn.utils.class_weight import compute_sample_weight

    import skfer.keras._batches as training_batches

    seen = []

    class Spy(training_batches.TrainingBatches):
        def __init__(self, arrays, *args, **kwargs):
            seen.append(arrays)
            super().__init__(arrays, *args, **kwargs)

    monkeypatch.setattr(training_batches, "TrainingBatches", Spy)
    X, y = data
    y = np.where(np.arange(len(y)) < 40, y, y[0])  # unbalanced
    CNN1Classifier(**fast, class_weight="balanced", validation_split=0).fit(X, y)
    (_, y_encoded, weights), = seen
    assert weights is not None
    np.testing.assert_allclose(weights, compute_sample_weight("balanced", y_encoded))
    assert len(np.unique(weights)) > 1


def test_images_as_3d_array(data, shape, fast):
    X, y = data
    clf = CNN1Classifier(**fast).fit(X.reshape(-1, 24, 24), y)
    assert clf.n_features_in_ == 576
    assert clf.predict(X.reshape(-1, 24, 24)).shape == (len(X),)


@ALL
def test_docstring_parameter_count_is_true(cls):
    counted = re.search(r"([\d,]+) parameters for 48x48", cls.__doc__).group(1)
    X = np.zeros((7, 48 * 48), dtype=np.uint8)
    clf = cls(random_state=0).initialize(X, np.arange(7))
    assert clf.model_.count_params() == int(counted.replace(",", ""))


def test_models_are_backend_agnostic():
    # Only keras.layers / keras.ops: the models also build under JAX. The
    # one exception, _tf_data, feeds fit under the TensorFlow backend only.
    for path in Path(skfer.keras.__file__).parent.glob("_*.py"):
        if path.name == "_tf_data.py":
            continue
        source = path.read_text()
        assert "tensorflow" not in source and "tf." not in source, path.name
