"""Training batches: shuffled and augmented in NumPy, reproducible per epoch.

Batch ``i`` of epoch ``e`` depends only on the seed, ``e`` and ``i``, so a
run resumed at epoch ``e`` sees exactly the batches the uninterrupted run
would have seen. Augmentation happens here rather than in Keras layers: it
costs the same under every backend (Keras' affine layers took most of a
step under JAX on a GPU) and runs beside the training step.
"""

import math
import os

import keras
import numpy as np

from ..augment import TrainingAugmentation
from ._tf_data import fit_inputs, uses_tf_data
from ._training import stratified_split, take


class TrainingBatches(keras.utils.PyDataset):
    """``(X, y[, sample_weight])`` batches of the epoch in progress.

    Parameters
    ----------
    arrays : tuple of (array or dict of arrays, array, array or None)
        Network inputs, targets and sample weights, equal length.
    batch_size : int
        Samples per batch; the last batch may be smaller.
    pixels : ndarray of shape (n_samples, height * width) or None
        The images behind the inputs, for augmentation; None trains on the
        inputs as they are.
    image_shape : tuple of (int, int)
        ``(height, width)`` of the images.
    augmentation : callable or None
        ``augmentation(images, random_state)`` on ``(n, height, width)``
        batches, e.g. :class:`skfer.augment.TrainingAugmentation`.
    encode : callable
        Turns a batch of (augmented) pixels into network inputs.
    shuffle : bool
        A new order at every epoch.
    seed : int
        Seeds the order and the augmentation of every batch.
    epoch : int, default=0
        The epoch the next pass over the data belongs to.

    Notes
    -----
    The environment variable ``SKFER_DATA_WORKERS=n`` prepares batches in
    ``n`` processes when Keras reads them itself (backends other than
    TensorFlow, or ``SKFER_KERAS_PIPELINE=keras``); ``benchmarks/accelerator``
    uses it to feed a GPU.
    """

    def __init__(self, arrays, batch_size, *, pixels, image_shape, augmentation,
                 encode, shuffle, seed, epoch=0):
        # Augmenting in worker processes keeps a fast accelerator fed; the
        # batches stay the same, as each one depends only on its index.
        workers = int(os.environ.get("SKFER_DATA_WORKERS", "1"))
        super().__init__(workers=workers, use_multiprocessing=workers > 1)
        self.arrays = tuple(a for a in arrays if a is not None)
        self.batch_size = batch_size
        self.pixels = pixels
        self.image_shape = image_shape
        self.augmentation = augmentation
        self.encode = encode
        self.shuffle = shuffle
        self.seed = seed
        self.epoch = epoch

    @property
    def n_samples(self):
        return len(self.arrays[1])

    def __len__(self):
        return math.ceil(self.n_samples / self.batch_size)

    def __getitem__(self, index):
        order = self._order(self.epoch)
        rows = order[index * self.batch_size : (index + 1) * self.batch_size]
        batch = [_take(a, rows) for a in self.arrays]
        if self.augmentation is not None:
            images = self.pixels[rows].reshape(len(rows), *self.image_shape)
            rng = np.random.default_rng([self.seed, self.epoch, index])
            images = self.augmentation(images, random_state=rng)
            batch[0] = self.encode(images.reshape(len(rows), -1))
        return tuple(batch)

    def on_epoch_end(self):
        self.epoch += 1

    def _order(self, epoch):
        if not self.shuffle:
            return np.arange(self.n_samples)
        return np.random.default_rng([self.seed, epoch]).permutation(self.n_samples)

    def epoch_batches(self):
        """Yield the batches of one epoch, then move on to the next epoch."""
        for index in range(len(self)):
            yield self[index]
        self.on_epoch_end()

def _take(a, rows):
    if isinstance(a, dict):
        return {k: v[rows] for k, v in a.items()}
    return a[rows]


def keras_fit_inputs(est, X, y, sample_weight, initial_epoch, kwargs):
    """``keras.Model.fit``'s ``x`` and keyword arguments for estimator ``est``:
    its training batches, and its validation split of them."""
    distribution = getattr(est, "_target_distribution", None)
    if distribution is not None:
        y = distribution
    # Keras' own validation_split takes the *last* rows, which after an
    # oversampler are all synthetic minority samples: split here instead.
    if est.validation_split and "validation_data" not in kwargs:
        split = stratified_split(y, est.validation_split, est._seed)
        if split is not None:
            train, val = split
            est.validation_indices_ = np.sort(val)
            kwargs["validation_data"] = tuple(
                take(a, val) for a in (X, y, sample_weight) if a is not None
            )
            X, y, sample_weight = (take(a, train) for a in (X, y, sample_weight))
    batches = TrainingBatches(
        (X, y, sample_weight),
        len(y) if est.batch_size == -1 else est.batch_size,
        pixels=X["pixels"] if isinstance(X, dict) else X,
        image_shape=est.image_shape_,
        augmentation=TrainingAugmentation() if est.augment is True else (
            est.augment or None
        ),
        encode=est.feature_encoder_.transform,
        shuffle=est.shuffle,
        seed=est._seed,
        epoch=initial_epoch,
    )
    kwargs.update(batch_size=None, shuffle=False, validation_split=0)
    if not uses_tf_data():
        return batches, kwargs
    return fit_inputs(
        batches, kwargs, validation_batch_size=est.validation_batch_size
    )
