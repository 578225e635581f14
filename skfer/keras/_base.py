"""The scikeras base class of skfer's CNNs: tags, image checks, training defaults."""

import inspect
import math
import os
import warnings
from collections import defaultdict
from numbers import Integral, Real

import keras
import numpy as np
from scikeras.wrappers import KerasClassifier
from scipy import sparse
from sklearn.base import BaseEstimator
from sklearn.utils import ClassifierTags
from sklearn.utils._param_validation import HasMethods, Interval, StrOptions
from sklearn.utils.validation import _num_samples, check_is_fitted, column_or_1d

from ..augment import TrainingAugmentation, flip_horizontal, ten_crop
from ..utils import check_image_shape
from ._batches import TrainingBatches
from ._recipe import (
    SmoothedCrossentropy,
    cosine_schedule,
    recipe_callbacks,
    recipe_optimizer,
)
from ._tf_data import fit_inputs, predict_inputs, uses_tf_data
from ._training import (
    FIT_LOCK,
    Checkpoint,
    EpochSeeds,
    int_seed,
    seeded,
    stratified_split,
    take,
)


class BaseFERClassifier(KerasClassifier):
    """Base class of skfer's Keras classifiers of flattened face images.

    A :class:`scikeras.wrappers.KerasClassifier` that

    - declares itself a classifier through ``__sklearn_tags__`` (scikeras
      0.13 only has the pre-1.6 ``_more_tags``, and its mixin order hides
      :class:`~sklearn.base.ClassifierMixin`'s tags), so that
      :func:`~sklearn.base.is_classifier` is True, cross-validation
      stratifies and :class:`~sklearn.ensemble.VotingClassifier` accepts it;
    - takes the pipeline's images: uint8 rows of ``height * width`` pixels,
      scaled and reshaped inside the model;
    - trains like the original FER2013 report: Adam, a validation split,
      :class:`keras.callbacks.ReduceLROnPlateau` and
      :class:`keras.callbacks.EarlyStopping` restoring the best weights.

    Subclasses implement ``_keras_build_fn(self, compile_kwargs, meta,
    **model_params)``. Routed parameters (``model__dropout``,
    ``optimizer__learning_rate``, ``callbacks__...``) work as in scikeras.

    Parameters
    ----------
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
        Mini-batch size for training and prediction.
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
        every epoch. Load it with :func:`skfer.utils.load_model` and call
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

    Attributes
    ----------
    model_ : keras.Model
        The fitted network.
    history_ : dict of str to list of float
        Per-epoch ``loss``, ``accuracy``, ``val_loss``, ``val_accuracy`` and
        ``learning_rate``.
    image_shape_ : tuple of (int, int)
        ``(height, width)`` of the images the network was built for.
    classes_ : ndarray of shape (n_classes,)
        Class labels seen in fit.
    n_features_in_ : int
        Number of pixels per image.

    See Also
    --------
    CNN1Classifier, CNN2Classifier, ResNetClassifier, TinyXceptionClassifier,
    HOGCNNClassifier : The architectures.

    Examples
    --------
    >>> from sklearn.base import is_classifier
    >>> from sklearn.model_selection import check_cv
    >>> from skfer.keras import CNN2Classifier
    >>> is_classifier(CNN2Classifier())
    True
    >>> check_cv(3, [0, 1] * 3, classifier=is_classifier(CNN2Classifier()))
    StratifiedKFold(n_splits=3, random_state=None, shuffle=False)
    """

    _default_width = 32

    # skfer's own parameters; scikeras and Keras validate theirs.
    _parameter_constraints = {
        "width": [Interval(Integral, 1, None, closed="left"), None],
        "augment": ["boolean", HasMethods("__call__")],
        "test_time_augmentation": [StrOptions({"flip", "ten-crop"}), None],
        "epochs": [Interval(Integral, 1, None, closed="left")],
        "patience": [Interval(Integral, 0, None, closed="left"), None],
        "lr_patience": [Interval(Integral, 0, None, closed="left"), None],
        "lr_factor": [Interval(Real, 0, 1, closed="neither")],
        "lr_schedule": [StrOptions({"plateau", "cosine"})],
        "warmup_epochs": [Interval(Integral, 0, None, closed="left")],
        "weight_decay": [Interval(Real, 0, None, closed="left"), None],
        "label_smoothing": [Interval(Real, 0, 1, closed="left")],
        "ema_momentum": [Interval(Real, 0, 1, closed="neither"), None],
        "checkpoint": [str, os.PathLike, None],
    }

    def __init__(
        self,
        *,
        image_shape=(48, 48),
        width=None,
        augment=False,
        test_time_augmentation=None,
        epochs=100,
        batch_size=64,
        validation_split=0.1,
        validation_batch_size=None,
        shuffle=True,
        warm_start=False,
        patience=8,
        lr_patience=3,
        lr_factor=0.5,
        lr_schedule="plateau",
        warmup_epochs=0,
        optimizer="adam",
        weight_decay=None,
        label_smoothing=0.0,
        ema_momentum=None,
        checkpoint=None,
        loss="sparse_categorical_crossentropy",
        metrics="accuracy",
        class_weight=None,
        random_state=None,
        verbose=0,
        run_eagerly=False,
        callbacks=None,
        **kwargs,
    ):
        super().__init__(
            epochs=epochs,
            batch_size=batch_size,
            validation_split=validation_split,
            validation_batch_size=validation_batch_size,
            shuffle=shuffle,
            warm_start=warm_start,
            run_eagerly=run_eagerly,
            optimizer=optimizer,
            loss=loss,
            metrics=metrics,
            class_weight=class_weight,
            random_state=random_state,
            verbose=verbose,
            callbacks=callbacks,
            **kwargs,
        )
        self.image_shape = image_shape
        self.width = width
        self.augment = augment
        self.test_time_augmentation = test_time_augmentation
        self.patience = patience
        self.lr_patience = lr_patience
        self.lr_factor = lr_factor
        self.lr_schedule = lr_schedule
        self.warmup_epochs = warmup_epochs
        self.weight_decay = weight_decay
        self.label_smoothing = label_smoothing
        self.ema_momentum = ema_momentum
        self.checkpoint = checkpoint

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.estimator_type = "classifier"
        tags.classifier_tags = ClassifierTags(poor_score=True, multi_label=False)
        tags.target_tags.required = True
        tags.non_deterministic = self.random_state is None
        return tags

    def _get_param_names(self):
        # scikeras' two ways to pass a build function, which skfer's
        # architectures replace: unless given, they are not parameters.
        return (
            name for name in super()._get_param_names()
            if not (name in ("model", "build_fn") and getattr(self, name) is None)
        )

    def __repr__(self, N_CHAR_MAX=700):
        # scikit-learn's repr (changed parameters only), not scikeras' list
        # of every parameter on its own line.
        return BaseEstimator.__repr__(self, N_CHAR_MAX)

    @property
    def _width(self):
        """Filters of the first block: ``width`` or the architecture's default."""
        return self._default_width if self.width is None else int(self.width)

    def _validate_data(self, X=None, y=None, reset=False, y_numeric=False):
        if X is not None:
            if sparse.issparse(X):
                raise TypeError(
                    "Sparse input is not supported: images are dense pixels. "
                    "Convert X with X.toarray()."
                )
            X = _flatten(np.asarray(X))
            if not reset:
                self._check_n_features(X)
            if self.image_shape is not None:
                _check_n_pixels(X, check_image_shape(self.image_shape))
        if y is not None:
            # One output per network: a column vector is raveled with
            # scikit-learn's DataConversionWarning, wider y is refused.
            y = column_or_1d(y, warn=True)
        X, y = super()._validate_data(X, y, reset=reset, y_numeric=y_numeric)
        if X is not None and reset:
            self.image_shape_ = (
                (1, self.n_features_in_)
                if self.image_shape is None
                else check_image_shape(self.image_shape)
            )
        if y is not None:
            self._check_classes(y, reset)
        return X, y

    def _check_n_features(self, X):
        n_features = np.shape(X)[1] if np.ndim(X) == 2 else None
        expected = getattr(self, "n_features_in_", None)
        if None not in (n_features, expected) and n_features != expected:
            raise ValueError(
                f"X has {n_features} features, but {type(self).__name__} is "
                f"expecting {expected} features as input "
                f"(image_shape_={self.image_shape_})."
            )

    def _check_classes(self, y, reset):
        labels = np.unique(y)
        if reset and getattr(self, "classes_", None) is None and len(labels) < 2:
            raise ValueError(
                f"{type(self).__name__} needs samples of at least 2 classes; "
                f"y has only one class: {labels.tolist()}."
            )
        classes = getattr(self, "classes_", None)
        if not reset and classes is not None:
            unseen = np.setdiff1d(labels, classes)
            if unseen.size:
                raise ValueError(
                    f"y contains labels not seen in fit: {unseen.tolist()}; "
                    f"classes_ is {np.asarray(classes).tolist()}."
                )

    def _fit(self, X, y, sample_weight, warm_start, epochs, initial_epoch,
             **kwargs):
        self._validate_params()
        seed = int_seed(self.random_state)
        # Batches and dropout masks are drawn from one seed per fit.
        self._seed = seed if seed is not None else int(
            np.random.default_rng().integers(2**31 - 1)
        )
        self._steps_per_epoch = self._count_steps(_num_samples(X))
        done = len(getattr(self, "history_", {}).get("loss", ()))
        if (self.warm_start or warm_start) and self.initialized_ and done:
            # Resume: the epochs left of the run, numbered on from it.
            initial_epoch, epochs = done, max(epochs - done, 0)
            if not epochs:
                warnings.warn(
                    f"{type(self).__name__} has trained {done} epochs of "
                    f"epochs={self.epochs} already: warm_start trains nothing "
                    f"more. Raise epochs to continue.",
                    UserWarning,
                    stacklevel=4,
                )
        self._history_before = dict(self.history_) if initial_epoch else {}
        if initial_epoch:
            # scikeras appends to it key by key.
            self.history_ = defaultdict(list, self.history_)
        # Callbacks follow the parameters, also those set since the last fit.
        self._initialize_callbacks()
        with FIT_LOCK, seeded(seed):
            super()._fit(
                X, y, sample_weight, warm_start, epochs, initial_epoch, **kwargs
            )

    def _count_steps(self, n_samples):
        n_val = math.ceil(self.validation_split * n_samples)
        batch_size = n_samples if self.batch_size == -1 else self.batch_size or 32
        return max(math.ceil((n_samples - n_val) / batch_size), 1)

    def _compile(self, inputs, outputs, name, compile_kwargs):
        """The network, compiled with the recipe: each architecture's last step."""
        schedule = None
        if self.lr_schedule == "cosine":
            schedule = cosine_schedule(
                self.epochs, self.warmup_epochs, self._steps_per_epoch
            )
        optimizer = recipe_optimizer(
            compile_kwargs["optimizer"],
            weight_decay=self.weight_decay,
            ema_momentum=self.ema_momentum,
            schedule=schedule,
        )
        compile_kwargs = {**compile_kwargs, "optimizer": optimizer}
        if self.label_smoothing:
            compile_kwargs["loss"] = SmoothedCrossentropy(
                outputs.shape[-1], self.label_smoothing
            )
        model = keras.Model(inputs, outputs, name=name)
        model.compile(**compile_kwargs)
        return model

    def _augmentation(self):
        if self.augment is True:
            return TrainingAugmentation()
        return self.augment or None

    def _predict_raw(self, X, **kwargs):
        if self.test_time_augmentation is None:
            return self._predict_network(X, **kwargs)
        h, w = self.image_shape_
        images = _flatten(np.asarray(X)).reshape(-1, h, w)
        if self.test_time_augmentation == "flip":
            views = np.stack([images, flip_horizontal(images)])
        else:
            views = ten_crop(images)
        proba = self._predict_network(views.reshape(-1, h * w), **kwargs)
        return proba.reshape(len(views), len(images), -1).mean(axis=0)

    def _predict_network(self, X, **kwargs):
        """scikeras' prediction; under TensorFlow, from batches without
        autotuning (as in fit), unless predict arguments are routed."""
        routed = kwargs or any(k.startswith("predict__") for k in self.get_params())
        if routed or not uses_tf_data():
            return super()._predict_raw(X, **kwargs)
        check_is_fitted(self, "model_")
        X, _ = self._validate_data(X=X)
        X = self.feature_encoder_.transform(X)
        return self.model_.predict(
            predict_inputs(X, self.batch_size),
            verbose=self.verbose,
            callbacks=self._predict_callbacks,
        )

    def _build_keras_model(self):
        # scikeras' own seeding toggles TensorFlow's global op determinism,
        # after which unseeded fits in the same process can fail ("Random ops
        # require a seed"); `seeded` in `_fit` seeds instead.
        self._random_state = None
        return super()._build_keras_model()

    def _initialize_callbacks(self):
        super()._initialize_callbacks()
        # The checkpoint comes last, to save what the others logged.
        checkpoint = [Checkpoint(self)] if self.checkpoint is not None else []
        self._fit_callbacks = (
            [EpochSeeds(getattr(self, "_seed", 0))]
            + recipe_callbacks(
                schedule=self.lr_schedule,
                ema=self.ema_momentum is not None,
                monitor="val_loss" if self.validation_split else "loss",
                patience=self.patience,
                lr_patience=self.lr_patience,
                lr_factor=self.lr_factor,
            )
            + self._fit_callbacks
            + checkpoint
        )

    def __getstate__(self):
        # Keras callbacks hold a reference to the model (and EarlyStopping a
        # copy of its best weights): pickling them would store the network
        # twice. They are rebuilt from the parameters.
        state = dict(super().__getstate__())
        for key in ("_fit_callbacks", "_predict_callbacks"):
            state.pop(key, None)
        return state

    def __setstate__(self, state):
        # Files of skfer 0.1.0.dev0 before the training recipe: test_time_flip
        # became test_time_augmentation="flip", the recipe's defaults apply.
        flip = state.pop("test_time_flip", False)
        defaults = {
            k: v.default
            for k, v in inspect.signature(BaseFERClassifier).parameters.items()
            if v.default is not inspect.Parameter.empty
        }
        state = {
            **defaults,
            "test_time_augmentation": "flip" if flip else None,
            **state,
        }
        super().__setstate__(state)
        if "model_" in state:
            self._initialize_callbacks()

    def _fit_keras_model(self, X, y, sample_weight, warm_start, epochs,
                         initial_epoch, **kwargs):
        # Keras' own validation_split takes the *last* rows, which after an
        # oversampler are all synthetic minority samples: split here instead.
        if self.validation_split and "validation_data" not in kwargs:
            split = stratified_split(
                y, self.validation_split, getattr(self, "_seed", None)
            )
            if split is not None:
                train, val = split
                kwargs["validation_data"] = tuple(
                    take(a, val) for a in (X, y, sample_weight) if a is not None
                )
                X, y, sample_weight = (take(a, train) for a in (X, y, sample_weight))
        train = TrainingBatches(
            (X, y, sample_weight),
            self.batch_size if self.batch_size != -1 else len(y),
            pixels=_pixels(X),
            image_shape=self.image_shape_,
            augmentation=self._augmentation(),
            encode=self.feature_encoder_.transform,
            shuffle=self.shuffle,
            seed=self._seed,
            epoch=initial_epoch,
        )
        kwargs.update(batch_size=None, shuffle=False, validation_split=0)
        X, y, sample_weight = train, None, None
        if uses_tf_data():
            X, kwargs = fit_inputs(
                train, kwargs, validation_batch_size=self.validation_batch_size
            )
        super()._fit_keras_model(
            X, y, sample_weight, warm_start, epochs, initial_epoch, **kwargs
        )
        self.history_ = dict(self.history_)


def _pixels(X):
    """The images behind the network inputs (HOG-CNN takes a dict)."""
    return X["pixels"] if isinstance(X, dict) else X


def _check_n_pixels(X, image_shape):
    h, w = image_shape
    n_features = np.shape(X)[1] if np.ndim(X) == 2 else None
    if n_features is not None and n_features != h * w:
        raise ValueError(
            f"X has {n_features} features per sample, but "
            f"image_shape={(h, w)} needs {h * w} (= {h} x {w}). "
            f"Pass image_shape matching your images."
        )


def _flatten(X):
    if getattr(X, "ndim", 2) == 3:
        return np.asarray(X).reshape(len(X), -1)
    return X
