"""The training recipe: optimizer settings, schedule, smoothing, EMA, resume."""

import keras
import numpy as np
import pytest

from skfer.keras import CNN2Classifier
from skfer.keras._batches import TrainingBatches
from skfer.keras._recipe import SmoothedCrossentropy
from skfer.models import load_model

RECIPE = dict(
    augment=True,
    lr_schedule="cosine",
    warmup_epochs=1,
    optimizer="sgd",
    optimizer__learning_rate=0.05,
    optimizer__momentum=0.9,
    optimizer__nesterov=True,
    weight_decay=1e-4,
    label_smoothing=0.1,
    ema_momentum=0.9,
    patience=None,
    validation_split=0.25,
)


class StopAfter(keras.callbacks.Callback):
    def __init__(self, epochs):
        super().__init__()
        self.epochs = epochs

    def on_epoch_end(self, epoch, logs=None):
        if epoch + 1 == self.epochs:
            self.model.stop_training = True


def test_recipe_reaches_the_optimizer_and_the_loss(data, fast):
    X, y = data
    clf = CNN2Classifier(**{**fast, **RECIPE, "epochs": 3}).fit(X, y)
    opt = clf.model_.optimizer
    assert isinstance(opt, keras.optimizers.SGD) and opt.nesterov
    assert opt.weight_decay == pytest.approx(1e-4) and opt.use_ema
    assert isinstance(clf.model_.loss, SmoothedCrossentropy)
    assert clf.model_.loss.label_smoothing == pytest.approx(0.1)
    # Warm-up to the base rate at the end of epoch 1, cosine to 0 at the end.
    rates = clf.history_["learning_rate"]
    assert rates[0] == pytest.approx(0.05) and rates[-1] == pytest.approx(0.0)
    assert rates[0] > rates[1] > rates[2]


def test_the_plateau_schedule_stays_the_default(data, fast):
    X, y = data
    clf = CNN2Classifier(**fast).fit(X, y)
    assert isinstance(clf.model_.optimizer, keras.optimizers.Adam)
    assert not clf.model_.optimizer.use_ema
    names = {type(c).__name__ for c in clf._fit_callbacks}
    assert {"ReduceLROnPlateau", "EarlyStopping"} <= names


def test_initialize_builds_the_recipe_without_training(data, fast):
    # The cosine schedule is sized in steps: initialize counts them as fit.
    X, y = data
    clf = CNN2Classifier(**{**fast, **RECIPE}).initialize(X, y)
    assert clf.model_.count_params() > 0 and not hasattr(clf, "history_")
    assert clf.predict(X[:3]).shape == (3,)


def test_smoothed_crossentropy_of_labels_and_of_distributions():
    loss = SmoothedCrossentropy(3, label_smoothing=0.3)
    proba = np.array([[0.7, 0.2, 0.1]], dtype="float32")
    target = np.array([[0.8, 0.1, 0.1]], dtype="float32")  # 0.7 * onehot + 0.1
    expected = -(target * np.log(proba)).sum()
    assert float(loss(np.array([0]), proba)) == pytest.approx(expected, rel=1e-5)
    plain = SmoothedCrossentropy(3)
    assert float(plain(target, proba)) == pytest.approx(expected, rel=1e-5)


def test_a_run_split_in_two_gives_the_weights_of_one_run(data, fast, tmp_path):
    X, y = data
    params = {**fast, **RECIPE, "epochs": 4, "model__dropout": 0.2}
    whole = CNN2Classifier(**params).fit(X, y)
    path = tmp_path / "run.ckpt"
    CNN2Classifier(**params, checkpoint=path, callbacks=[StopAfter(2)]).fit(X, y)
    resumed = load_model(path)
    assert len(resumed.history_["loss"]) == 2
    resumed.set_params(warm_start=True, checkpoint=None).fit(X, y)
    assert len(resumed.history_["loss"]) == 4
    for a, b in zip(whole.model_.get_weights(), resumed.model_.get_weights()):
        np.testing.assert_array_equal(a, b)
    np.testing.assert_array_equal(whole.history_["loss"], resumed.history_["loss"])


def test_a_resumed_run_keeps_its_checkpoint_and_history(data, fast, tmp_path):
    # Resumed with the checkpoint kept, as a run cut again and again is.
    X, y = data
    params = {**fast, **RECIPE, "epochs": 4}
    whole = CNN2Classifier(**params).fit(X, y)
    path = tmp_path / "run.ckpt"
    CNN2Classifier(**params, checkpoint=path, callbacks=[StopAfter(2)]).fit(X, y)
    resumed = load_model(path).set_params(warm_start=True, callbacks=[StopAfter(3)])
    resumed.fit(X, y)
    assert len(resumed.history_["loss"]) == 3
    assert len(load_model(path).history_["loss"]) == 3
    resumed = load_model(path).set_params(warm_start=True).fit(X, y)
    assert len(resumed.history_["loss"]) == 4
    for a, b in zip(whole.model_.get_weights(), resumed.model_.get_weights()):
        np.testing.assert_array_equal(a, b)
    np.testing.assert_array_equal(whole.history_["loss"], resumed.history_["loss"])


def test_batches_depend_only_on_seed_epoch_and_index():
    X = np.arange(40 * 16, dtype=np.uint8).reshape(40, 16)
    y = np.arange(40) % 2

    def make(epoch):
        return TrainingBatches(
            (X, y, None), 16, pixels=X, image_shape=(4, 4),
            augmentation=lambda im, random_state: im + random_state.integers(2),
            encode=lambda p: p, shuffle=True, seed=3, epoch=epoch,
        )

    run = make(0)
    first = list(run.epoch_batches())
    second = list(run.epoch_batches())
    assert [len(b[0]) for b in first] == [16, 16, 8]
    assert not np.array_equal(first[0][1], second[0][1])
    for a, b in zip(second, make(1).epoch_batches()):
        np.testing.assert_array_equal(a[0], b[0])
