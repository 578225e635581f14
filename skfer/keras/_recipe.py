"""The training recipe: optimizer, learning-rate schedule, loss and callbacks.

The estimator parameters ``weight_decay``, ``lr_schedule``,
``warmup_epochs``, ``label_smoothing`` and ``ema_momentum`` act here, on
the optimizer scikeras builds from ``optimizer`` and its routed
parameters, and on the loss.
"""

import inspect

import keras
import numpy as np
from keras import ops
from sklearn.utils import check_array
from sklearn.utils.validation import _num_samples, column_or_1d

from ..augment import flip_horizontal, ten_crop
from ._training import Checkpoint, EpochSeeds, report_callbacks


def recipe_optimizer(optimizer, *, weight_decay, ema_momentum, schedule):
    """A copy of scikeras' optimizer with the recipe's settings.

    Parameters
    ----------
    optimizer : keras.optimizers.Optimizer
        Built by scikeras from ``optimizer`` and ``optimizer__*``.
    weight_decay : float or None
        Decoupled weight decay (None keeps the optimizer's own).
    ema_momentum : float or None
        Keep an exponential moving average of the weights, which replaces
        them at the end of training (None: no average).
    schedule : callable or None
        ``schedule(base_learning_rate)`` returns a Keras learning-rate
        schedule (None keeps a constant rate).
    """
    config = optimizer.get_config()
    if weight_decay is not None:
        config["weight_decay"] = weight_decay
    if ema_momentum is not None:
        config.update(use_ema=True, ema_momentum=ema_momentum)
    if schedule is not None:
        config["learning_rate"] = schedule(float(config["learning_rate"]))
    return type(optimizer).from_config(config)


def cosine_schedule(epochs, warmup_epochs, steps_per_epoch):
    """Linear warm-up from 0, then cosine decay to 0 at the last epoch."""
    warmup = min(warmup_epochs, max(epochs - 1, 0)) * steps_per_epoch
    decay = max(epochs * steps_per_epoch - warmup, 1)

    def schedule(base):
        if not warmup:
            return keras.optimizers.schedules.CosineDecay(base, decay)
        return keras.optimizers.schedules.CosineDecay(
            0.0, decay, warmup_target=base, warmup_steps=warmup
        )

    return schedule


@keras.saving.register_keras_serializable("skfer")
class SmoothedCrossentropy(keras.losses.Loss):
    """Cross-entropy against integer labels or class distributions, smoothed.

    ``y_true`` of shape ``(n,)`` or ``(n, 1)`` holds class indices; of shape
    ``(n, n_classes)``, probability distributions (soft targets such as
    crowd votes). Label smoothing mixes either with the uniform distribution.
    """

    def __init__(self, n_classes, label_smoothing=0.0, name="smoothed_crossentropy",
                 **kwargs):
        super().__init__(name=name, **kwargs)
        self.n_classes = n_classes
        self.label_smoothing = label_smoothing

    def call(self, y_true, y_pred):
        if len(y_true.shape) == 2 and y_true.shape[-1] == self.n_classes > 1:
            target = ops.cast(y_true, y_pred.dtype)
        else:
            labels = ops.cast(ops.reshape(y_true, (-1,)), "int32")
            target = ops.one_hot(labels, self.n_classes, dtype=y_pred.dtype)
        return keras.losses.categorical_crossentropy(
            target, y_pred, label_smoothing=self.label_smoothing
        )

    def get_config(self):
        return {
            **super().get_config(),
            "n_classes": self.n_classes,
            "label_smoothing": self.label_smoothing,
        }


class LearningRateLog(keras.callbacks.Callback):
    """Record the learning rate of each epoch in the logs (``history_``)."""

    def on_epoch_end(self, epoch, logs=None):
        if logs is not None:
            rate = self.model.optimizer.learning_rate
            logs["learning_rate"] = float(ops.convert_to_numpy(rate))


def recipe_callbacks(*, schedule, ema, monitor, patience, lr_patience, lr_factor):
    """Callbacks of a fit: EMA weights for validation, the plateau schedule
    (unless the rate follows a fixed schedule) and early stopping."""
    callbacks = [keras.callbacks.SwapEMAWeights()] if ema else []
    if schedule == "cosine":
        lr_patience = None
        callbacks.append(LearningRateLog())
    return callbacks + report_callbacks(
        monitor=monitor,
        patience=patience,
        lr_patience=lr_patience,
        lr_factor=lr_factor,
        restore_best_weights=not ema,
    )


def views(images, kind):
    """The test-time views of ``images``: ``(n_views, n, height, width)``."""
    if kind == "flip":
        return np.stack([images, flip_horizontal(images)])
    return ten_crop(images)


def check_distribution(distribution, X, y):
    """``fit``'s ``target_distribution`` as float32 rows summing to 1.

    Columns follow ``np.unique(y)``; a distribution whose most voted class
    mostly disagrees with ``y`` is refused as probably in another order.
    """
    if distribution is None:
        return None
    D = check_array(distribution, dtype=np.float64, input_name="target_distribution")
    labels = np.unique(column_or_1d(y))
    if D.shape != (_num_samples(X), len(labels)):
        raise ValueError(
            f"target_distribution has shape {D.shape}; it needs one row per "
            f"sample and one column per class of y, in the order of "
            f"np.unique(y) = {labels.tolist()}: {(_num_samples(X), len(labels))}."
        )
    totals = D.sum(axis=1, keepdims=True)
    if (D < 0).any() or not (totals > 0).all():
        raise ValueError(
            "target_distribution must be non-negative with a positive sum in "
            "every row (votes or probabilities)."
        )
    agree = np.mean(labels[D.argmax(axis=1)] == np.asarray(y))
    if agree < 0.5:
        raise ValueError(
            f"The most voted class of target_distribution matches y on only "
            f"{agree:.0%} of the samples: are its columns in the order of "
            f"np.unique(y) = {labels.tolist()}?"
        )
    return (D / totals).astype(np.float32)


def upgrade_state(state, cls):
    """The pickled state of a classifier saved by an older skfer.

    ``test_time_flip=True`` became ``test_time_augmentation="flip"``;
    parameters added since take their defaults.
    """
    state = dict(state)
    flip = state.pop("test_time_flip", False)
    if "_seed" in state:
        # Before the fit's seeds were a pair: the given seed (None when
        # unseeded) and the one batches and dropout use.
        seed = state.pop("_seed")
        state.setdefault("_seeds", (seed, seed))
    defaults = {
        name: p.default
        for name, p in inspect.signature(cls).parameters.items()
        if p.default is not inspect.Parameter.empty
    }
    return {**defaults, "test_time_augmentation": "flip" if flip else None, **state}


def compile_network(est, inputs, outputs, name, compile_kwargs):
    """``est``'s network, compiled with its recipe: optimizer settings, the
    learning-rate schedule, and the smoothed or soft-target loss."""
    schedule = None
    if est.lr_schedule == "cosine":
        schedule = cosine_schedule(est.epochs, est.warmup_epochs, est._steps_per_epoch)
    optimizer = recipe_optimizer(
        compile_kwargs["optimizer"],
        weight_decay=est.weight_decay,
        ema_momentum=est.ema_momentum,
        schedule=schedule,
    )
    compile_kwargs = {**compile_kwargs, "optimizer": optimizer}
    soft = getattr(est, "_target_distribution", None) is not None
    if est.label_smoothing or soft:
        compile_kwargs["loss"] = SmoothedCrossentropy(
            outputs.shape[-1], est.label_smoothing
        )
    model = keras.Model(inputs, outputs, name=name)
    model.compile(**compile_kwargs)
    return model


def training_callbacks(est, given):
    """Every callback of ``est``'s fit, ``given`` (scikeras') included."""
    # The checkpoint comes last, to save what the others logged.
    return (
        [EpochSeeds(est._seed)]
        + recipe_callbacks(
            schedule=est.lr_schedule,
            ema=est.ema_momentum is not None,
            monitor="val_loss" if est.validation_split else "loss",
            patience=est.patience,
            lr_patience=est.lr_patience,
            lr_factor=est.lr_factor,
        )
        + given
        + ([Checkpoint(est)] if est.checkpoint is not None else [])
    )
