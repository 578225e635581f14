"""Batches for the TensorFlow backend, without tf.data's autotuner.

Keras feeds NumPy arrays to ``Model.fit`` and ``Model.predict`` through a
tf.data pipeline with autotuning on, and makes a new iterator of it at every
epoch and every ``predict``. Destroying the old iterator waits for the
autotuner's thread, which on TensorFlow 2.21 may first finish a sleep of up
to a minute: the process then idles between two epochs
(``benchmarks/bench_epoch_stall.py`` measures it). A pipeline with
autotuning off has no such thread.
"""

import keras


def uses_tf_data():
    """Whether Keras feeds ``Model.fit`` through tf.data (its TensorFlow backend)."""
    return keras.backend.backend() == "tensorflow"


def batches(arrays, batch_size, *, shuffle):
    """``(X, y, sample_weight)`` in batches, a tf.data pipeline for Keras.

    Parameters
    ----------
    arrays : tuple of (array or dict of arrays, array or None, array or None)
        Inputs, targets and sample weights of equal length; None for no
        targets (to predict) or no weights.
    batch_size : int
        Samples per batch; the last batch may be smaller.
    shuffle : bool
        Draw a new order at every epoch, from TensorFlow's seeded generator
        (needs the targets).

    Returns
    -------
    dataset : tf.data.Dataset
        Batches, with a one-batch prefetch and no autotuning.
    """
    import tensorflow as tf

    arrays = tuple(a for a in arrays if a is not None)
    data = tf.data.Dataset.from_tensor_slices(arrays)
    if shuffle:
        data = data.shuffle(len(arrays[1]), reshuffle_each_iteration=True)
    options = tf.data.Options()
    options.autotune.enabled = False
    return data.batch(batch_size).prefetch(1).with_options(options)
