"""Training mechanics of the base class: seeding, validation split, callbacks."""

import os
import random
import threading
from collections import defaultdict
from contextlib import contextmanager

import joblib
import keras
import numpy as np
from sklearn.model_selection import train_test_split


def report_callbacks(monitor, patience, lr_patience, lr_factor,
                     restore_best_weights=True):
    """ReduceLROnPlateau and EarlyStopping (restoring the best weights).

    The schedule of the original report; None for a patience leaves that
    callback out.
    """
    callbacks = []
    if lr_patience is not None:
        callbacks.append(
            keras.callbacks.ReduceLROnPlateau(
                monitor=monitor, factor=lr_factor, patience=lr_patience,
                min_lr=1e-6,
            )
        )
    if patience is not None:
        callbacks.append(
            keras.callbacks.EarlyStopping(
                monitor=monitor,
                patience=patience,
                restore_best_weights=restore_best_weights,
            )
        )
    return callbacks


def int_seed(random_state):
    if random_state is None:
        return None
    if isinstance(random_state, np.random.RandomState):
        # A copy, so that one RandomState gives the same seed at every fit,
        # as in scikeras.
        copy = np.random.RandomState()
        copy.set_state(random_state.get_state())
        return int(copy.randint(2**31 - 1))
    return int(random_state)


# Keras and TensorFlow draw weights, dropout masks and batches from
# process-wide random state: fits in threads of one process (joblib's
# threading backend, a Dask worker with several threads) would interleave
# their draws and break what ``random_state`` promises. They take turns; each
# fit uses every core through TensorFlow's own threads anyway.
FIT_LOCK = threading.RLock()


@contextmanager
def seeded(seed):
    """Seed Python, NumPy, TensorFlow and Keras; restore Python's and NumPy's."""
    if seed is None:
        yield
        return
    # Keras seeds the legacy global NumPy generator; put the user's back.
    python_state, numpy_state = random.getstate(), np.random.get_state()  # noqa: NPY002
    keras.utils.set_random_seed(seed)
    try:
        yield
    finally:
        random.setstate(python_state)
        np.random.set_state(numpy_state)  # noqa: NPY002


def stratified_split(y, fraction, seed):
    index = np.arange(len(y))
    labels = y if np.ndim(y) == 1 else np.argmax(y, axis=1)
    try:
        return train_test_split(
            index, test_size=fraction, random_state=seed, stratify=labels
        )
    except ValueError:
        # Too few samples of some class to stratify.
        try:
            return train_test_split(index, test_size=fraction, random_state=seed)
        except ValueError:
            return None


def take(a, index):
    if a is None:
        return None
    if isinstance(a, dict):
        return {k: v[index] for k, v in a.items()}
    return a[index]


_ABSENT = object()


class Checkpoint(keras.callbacks.Callback):
    """Save the estimator being fitted at the end of every epoch.

    The file holds the network with its optimizer state (moments, step
    count, averaged weights) and the history so far, so that
    ``load_model(path).fit(X, y)`` with ``warm_start=True`` continues the run
    at the next epoch. Written to a temporary file first, so that a run
    killed while saving leaves the previous checkpoint whole.
    """

    def __init__(self, estimator):
        super().__init__()
        self.estimator = estimator

    def on_train_begin(self, logs=None):
        self._history = defaultdict(list, self.estimator._history_before)

    def on_epoch_end(self, epoch, logs=None):
        for key, value in (logs or {}).items():
            self._history[key] = [*self._history[key], float(value)]
        est = self.estimator
        # The file gets the history so far; the estimator gets it back as it
        # was, since scikeras adds this fit's epochs to it at the end of fit
        # (a resumed run would otherwise count them twice).
        before = est.__dict__.get("history_", _ABSENT)
        est.history_ = dict(self._history)
        try:
            path = os.fspath(est.checkpoint)
            joblib.dump(est, path + ".tmp")
            os.replace(path + ".tmp", path)
        finally:
            if before is _ABSENT:
                del est.history_
            else:
                est.history_ = before


class EpochSeeds(keras.callbacks.Callback):
    """Reseed every random layer (dropout) from the seed and the epoch.

    Keras keeps each layer's random state in a variable that model files do
    not restore; seeding it at every epoch makes the masks of epoch ``e``
    depend only on ``seed`` and ``e``, so a resumed run draws what the
    uninterrupted one would have.
    """

    def __init__(self, seed):
        super().__init__()
        self.seed = seed

    def on_epoch_begin(self, epoch, logs=None):
        rng = np.random.default_rng([self.seed, epoch])
        for generator in _seed_generators(self.model):
            state = generator.state
            seed = rng.integers(2**31 - 1, size=2)
            state.assign(keras.ops.cast(seed * [1, 0], state.dtype))


def _seed_generators(model):
    stack = list(model.layers)
    while stack:
        layer = stack.pop()
        stack.extend(getattr(layer, "layers", ()))
        for value in vars(layer).values():
            if isinstance(value, keras.random.SeedGenerator):
                yield value
