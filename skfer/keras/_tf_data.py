"""Batches for the TensorFlow backend, without tf.data's autotuner.

Keras feeds NumPy arrays to ``Model.fit`` and ``Model.predict`` through a
tf.data pipeline with autotuning on, and makes a new iterator of it at every
epoch and every ``predict``. Destroying the old iterator waits for the
autotuner's thread, which on TensorFlow 2.21 may first finish a sleep of up
to a minute: the process then idles between two epochs
(``benchmarks/bench_epoch_stall.py`` measures it). A pipeline with
autotuning off has no such thread.
"""

import os

import keras


def uses_tf_data():
    """Whether skfer feeds Keras its own tf.data batches (TensorFlow backend).

    Setting the environment variable ``SKFER_KERAS_PIPELINE=keras`` hands
    the batches to Keras' own pipeline instead (with its autotuner): a
    diagnostic switch, which ``benchmarks/bench_epoch_stall.py`` times
    against the default.
    """
    own = os.environ.get("SKFER_KERAS_PIPELINE", "skfer") == "keras"
    return keras.backend.backend() == "tensorflow" and not own


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
    return without_autotuning(data.batch(batch_size).prefetch(1))


def without_autotuning(dataset):
    """The tf.data ``dataset`` with the autotuner (and its thread) off."""
    import tensorflow as tf

    options = tf.data.Options()
    options.autotune.enabled = False
    return dataset.with_options(options)


def fit_inputs(train, fit_kwargs, *, validation_batch_size):
    """``Model.fit``'s inputs under TensorFlow: the training batches as a
    tf.data pipeline over their epochs, and the validation data batched too.

    Parameters
    ----------
    train : skfer.keras._batches.TrainingBatches
        The batches of each epoch; the pipeline calls its ``epoch_batches``.
    fit_kwargs : dict
        ``Model.fit``'s other arguments, ``validation_data`` among them.
    validation_batch_size : int or None
        None: ``train.batch_size``.
    """
    import tensorflow as tf

    signature = tuple(
        tf.nest.map_structure(
            lambda a: tf.TensorSpec((None, *a.shape[1:]), tf.as_dtype(a.dtype)), part
        )
        for part in train[0]
    )
    data = tf.data.Dataset.from_generator(
        train.epoch_batches, output_signature=signature
    )
    # A known length, or Keras warns that the data ran out each epoch.
    data = data.apply(tf.data.experimental.assert_cardinality(len(train)))
    kwargs = dict(fit_kwargs)
    if "validation_data" in kwargs:
        kwargs["validation_data"] = batches(
            kwargs["validation_data"],
            validation_batch_size or train.batch_size,
            shuffle=False,
        )
    return without_autotuning(data.prefetch(1)), kwargs


def predict_inputs(X, batch_size):
    """Inputs (an array or HOG-CNN's dict of arrays) as batches to predict."""
    n_samples = len(next(iter(X.values()))) if isinstance(X, dict) else len(X)
    return batches((X, None, None), _batch_size(batch_size, n_samples), shuffle=False)


def _batch_size(batch_size, n_samples):
    # As scikeras and Keras read it: -1 is all samples in one batch, None 32.
    return n_samples if batch_size == -1 else batch_size or 32
