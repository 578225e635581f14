"""Training mechanics of the base class: seeding, validation split, callbacks."""

import random
from contextlib import contextmanager

import keras
import numpy as np
from sklearn.model_selection import train_test_split


def report_callbacks(monitor, patience, lr_patience, lr_factor):
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
                monitor=monitor, patience=patience, restore_best_weights=True
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
