"""Training batches go through tf.data without its autotuner (TensorFlow)."""

import numpy as np
import pytest

import skfer.keras._batches as training_batches
import skfer.keras._tf_data as tf_data
from skfer.keras import CNN1Classifier
from skfer.keras._tf_data import batches, fit_inputs, uses_tf_data

tf = pytest.importorskip("tensorflow")
pytestmark = pytest.mark.skipif(
    not uses_tf_data(), reason="only Keras' TensorFlow backend feeds fit by tf.data"
)


def epochs(dataset, n):
    return [np.concatenate([x.numpy() for x, *_ in dataset]) for _ in range(n)]


def test_shuffled_batches_hold_every_sample_once_in_a_new_order_each_epoch():
    X, y = np.arange(10).reshape(10, 1), np.arange(10) % 2
    tf.random.set_seed(0)
    data = batches((X, y, None), 4, shuffle=True)
    assert [len(x) for x, _ in data] == [4, 4, 2]
    first, second = epochs(data, 2)
    assert sorted(first.ravel()) == sorted(second.ravel()) == list(range(10))
    assert first.ravel().tolist() != second.ravel().tolist()


def test_unshuffled_batches_keep_the_order_and_the_weights():
    X = {"pixels": np.arange(6).reshape(6, 1), "hog": np.ones((6, 2))}
    data = batches((X, np.zeros(6), np.full(6, 0.5)), 4, shuffle=False)
    x, y, w = next(iter(data))
    assert x["pixels"].numpy().ravel().tolist() == [0, 1, 2, 3]
    assert w.numpy().tolist() == [0.5] * 4


def test_the_autotuner_is_off():
    data = batches((np.zeros((4, 1)), np.zeros(4), None), 2, shuffle=True)
    assert data.options().autotune.enabled is False


@pytest.mark.parametrize("validation_split", [0.25, 0])
def test_fit_trains_and_validates_on_these_batches(data, fast, monkeypatch,
                                                   validation_split):
    made, fed = [], []

    def spy(arrays, size, **kwargs):
        made.append(size)
        return batches(arrays, size, **kwargs)

    def fit_spy(train, *args, **kwargs):
        data, kwargs = fit_inputs(train, *args, **kwargs)
        fed.append(data)
        return data, kwargs

    monkeypatch.setattr(tf_data, "batches", spy)
    monkeypatch.setattr(training_batches, "fit_inputs", fit_spy)
    X, y = data
    clf = CNN1Classifier(**fast, validation_split=validation_split).fit(X, y)
    assert made == ([16] if validation_split else [])
    assert len(fed) == 1 and fed[0].options().autotune.enabled is False
    assert ("val_loss" in clf.history_) == bool(validation_split)


def test_predict_from_batches_equals_keras_own_pipeline(data, fast, monkeypatch):
    X, y = data
    clf = CNN1Classifier(**fast, test_time_augmentation="flip").fit(X, y)
    ours = clf.predict_proba(X)
    monkeypatch.setenv("SKFER_KERAS_PIPELINE", "keras")
    assert not uses_tf_data()
    np.testing.assert_array_equal(ours, clf.predict_proba(X))


def test_routed_predict_arguments_go_to_keras_own_pipeline(data, fast, monkeypatch):
    X, y = data
    clf = CNN1Classifier(**fast, predict__batch_size=7).fit(X, y)
    monkeypatch.setattr(tf_data, "batches", None)  # would fail if called
    assert clf.predict_proba(X).shape == (len(X), 3)
