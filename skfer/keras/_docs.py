"""Docstring paragraphs shared by the Keras classifiers.

The base class and every architecture list the same parameters and fitted
attributes; they are written once here and put in place with
:class:`imblearn.utils.Substitution` (as in imbalanced-learn), so that
``help(CNN2Classifier)`` shows them all.
"""

from textwrap import indent

_PARAMETERS = """\
image_shape : tuple of (int, int) or None, default=(48, 48)
    ``(height, width)`` of one image; ``X`` must have ``height * width``
    columns (or be ``(n_samples, height, width)``). None reads each row
    as a 1-pixel-high image ``(1, n_features)``, for non-image features.
width : int, default=None
    Number of filters of the first convolution block; later blocks use
    multiples of it. None uses the architecture's default.
augment : bool or TrainingAugmentation, default=False
    Augment every training batch anew at every epoch: True uses
    :class:`skfer.augment.TrainingAugmentation`'s defaults (mirror,
    rotation, shift, zoom, random erasing); pass an instance to choose.
    It runs in NumPy beside the network, never at prediction.
test_time_augmentation : {None, "flip", "ten-crop"}, default=None
    Average the probabilities of several views of each image: "flip"
    the image and its mirror (twice the prediction time), "ten-crop"
    the ten crops of :func:`skfer.augment.ten_crop` (ten times).
epochs : int, default=100
    Maximum number of epochs; early stopping usually ends sooner.
batch_size : int, default=64
    Mini-batch size for training and prediction (-1: all samples).
validation_split : float, default=0.1
    Fraction of the training data held out, stratified and shuffled with
    ``random_state``, to drive early stopping and the learning rate
    schedule. 0 monitors the training loss instead.
validation_batch_size : int or None, default=None
    Mini-batch size for the validation split; None uses ``batch_size``.
shuffle : bool, default=True
    Shuffle the training images at every epoch.
warm_start : bool, default=False
    Continue training the already fitted network at the next ``fit``,
    from the epoch it reached up to ``epochs`` in all (its optimizer
    state and schedule position included), instead of a new one.
patience : int or None, default=8
    Epochs without improvement of the monitored loss before training
    stops and the best weights are restored. None trains all ``epochs``.
lr_patience : int or None, default=3
    Epochs without improvement before the learning rate is multiplied by
    ``lr_factor``. None keeps the learning rate.
lr_factor : float, default=0.5
    Factor of the learning rate reduction.
lr_schedule : {"plateau", "cosine"}, default="plateau"
    "plateau" multiplies the rate by ``lr_factor`` when the monitored
    loss stalls for ``lr_patience`` epochs; "cosine" warms it up
    linearly for ``warmup_epochs``, then decays it to zero at the last of
    ``epochs`` along a cosine, step by step (``lr_patience`` unused).
warmup_epochs : int, default=0
    Epochs of linear warm-up of the "cosine" schedule.
optimizer : str or keras optimizer class, default="adam"
    For example "adam", "adamw" or "sgd"; routed parameters configure
    it: ``optimizer__learning_rate=0.01, optimizer__momentum=0.9,
    optimizer__nesterov=True``.
weight_decay : float or None, default=None
    Decoupled weight decay of the optimizer; None keeps the optimizer's
    own (none for Adam and SGD, 0.004 for AdamW).
label_smoothing : float, default=0.0
    Mix the one-hot targets with the uniform distribution by this
    fraction.
ema_momentum : float or None, default=None
    Keep an exponential moving average of the weights with this
    momentum (e.g. 0.999); validation scores use the averaged weights,
    which replace the trained ones at the end of ``fit``. With early
    stopping, training stops at the best epoch's patience but keeps the
    last average.
checkpoint : str, path or None, default=None
    Save the whole estimator (network, optimizer state, schedule
    position, averaged weights and history) to this file at the end of
    every epoch. Load it with :func:`skfer.models.load_model` and call
    ``fit`` with ``warm_start=True`` to continue the run exactly.
loss : str, default="sparse_categorical_crossentropy"
    Keras loss.
metrics : str, default="accuracy"
    Keras metric, recorded in ``history_``.
class_weight : dict, "balanced" or None, default=None
    Weights of the classes in the loss, as in scikit-learn.
random_state : int, RandomState instance or None, default=None
    Seeds weight initialisation, dropout, augmentation, shuffling and the
    validation split. On CPU with TensorFlow, two fits with the same int
    seed in the same environment give identical weights (scikeras turns
    on TensorFlow's op determinism while fitting); other TensorFlow
    versions, thread counts or CPUs may differ in the last bits.
verbose : int, default=0
    Keras verbosity.
run_eagerly : bool, default=False
    Run Keras step by step instead of as a compiled graph (slower; for
    debugging).
callbacks : list of keras callbacks, default=None
    Callbacks added to the two above.
**kwargs
    Other scikeras parameters, including routed ones.
"""

_ATTRIBUTES = """\
model_ : keras.Model
    The fitted network.
history_ : dict of str to list of float
    Per-epoch ``loss``, ``accuracy``, ``val_loss``, ``val_accuracy`` and
    ``learning_rate``.
validation_indices_ : ndarray of int
    Rows of the data the network was fitted on (after any sampler of a
    pipeline) that formed the validation split of the last ``fit``; absent
    without one.
image_shape_ : tuple of (int, int)
    ``(height, width)`` of the images the network was built for.
classes_ : ndarray of shape (n_classes,)
    Class labels seen in fit.
n_features_in_ : int
    Number of pixels per image.
"""

#: ``{parameters}`` and ``{attributes}`` of the Keras classifiers' docstrings.
KERAS_DOCS = {
    "parameters": indent(_PARAMETERS, "    ").rstrip(),
    "attributes": indent(_ATTRIBUTES, "    ").rstrip(),
}
