"""The base class of skfer's CNNs: parameters, images, the training recipe."""

import math
import os
import warnings
from contextlib import contextmanager
from numbers import Integral, Real

import numpy as np
from imblearn.utils import Substitution
from sklearn.utils import ClassifierTags
from sklearn.utils._param_validation import HasMethods, Interval, Options, StrOptions
from sklearn.utils.validation import _num_samples, check_is_fitted

from ..utils import IMAGE_SHAPE, check_image_shape, to_images
from ._batches import keras_fit_inputs
from ._checks import check_classes, check_images
from ._docs import KERAS_DOCS
from ._recipe import (
    check_distribution,
    compile_network,
    training_callbacks,
    upgrade_state,
    views,
)
from ._scikeras import ScikerasAdapter
from ._tf_data import predict_inputs, uses_tf_data
from ._training import FIT_LOCK, int_seed, seeded


@Substitution(**KERAS_DOCS)
class BaseFERClassifier(ScikerasAdapter):
    """Base class of skfer's Keras classifiers of flattened face images.

    A :class:`scikeras.wrappers.KerasClassifier` that

    - declares itself a classifier through ``__sklearn_tags__`` (scikeras
      0.13 only has the pre-1.6 ``_more_tags``, and its mixin order hides
      :class:`~sklearn.base.ClassifierMixin`'s tags), so that
      :func:`~sklearn.base.is_classifier` is True, cross-validation
      stratifies and :class:`~sklearn.ensemble.VotingClassifier` accepts it;
    - takes the pipeline's images: uint8 rows of ``height * width`` pixels,
      scaled and reshaped inside the model;
    - trains like the original FER2013 report by default (Adam, a
      validation split, :class:`keras.callbacks.ReduceLROnPlateau` and
      :class:`keras.callbacks.EarlyStopping` restoring the best weights),
      or with the modern recipe its parameters offer (augmentation policy,
      SGD with Nesterov, weight decay, warm-up and cosine schedule, label
      smoothing, weight averaging, test-time augmentation, exact resume);
    - trains on soft targets (crowd vote distributions) given to ``fit`` as
      ``target_distribution``, while ``y`` stays the 1-D labels.

    Subclasses implement ``_keras_build_fn(self, compile_kwargs, meta,
    **model_params)``. Routed parameters (``model__dropout``,
    ``optimizer__learning_rate``, ``callbacks__...``) work as in scikeras.

    Parameters
    ----------
{parameters}

    Attributes
    ----------
{attributes}

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

    # skfer's own parameters and the scikeras ones whose bad values Keras
    # would accept silently.
    _parameter_constraints = {
        "width": [Interval(Integral, 1, None, closed="left"), None],
        "augment": ["boolean", HasMethods("__call__")],
        "test_time_augmentation": [StrOptions({"flip", "ten-crop"}), None],
        "epochs": [Interval(Integral, 1, None, closed="left")],
        "batch_size": [
            Interval(Integral, 1, None, closed="left"), Options(Integral, {-1})
        ],
        "validation_split": [Interval(Real, 0, 1, closed="left")],
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
        image_shape=IMAGE_SHAPE,
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

    def fit(self, X, y, sample_weight=None, target_distribution=None, **kwargs):
        """Train the network on images ``X`` and labels ``y``.

        Parameters
        ----------
        X : array-like of shape (n_samples, height * width)
            Flattened images (or ``(n_samples, height, width)``).
        y : array-like of shape (n_samples,)
            Class labels.
        sample_weight : array-like of shape (n_samples,), default=None
            Weights of the samples in the loss.
        target_distribution : array-like of shape (n_samples, n_classes), \
                default=None
            Soft targets, such as crowd vote counts or proportions, one
            column per class in the order of ``np.unique(y)`` (the future
            ``classes_``); rows are normalised to sum to 1. The loss is then
            the cross-entropy against them, and ``y`` still gives the classes
            and the stratification. Routed like any fit parameter
            (``Pipeline.fit(X, y, clf__target_distribution=D)``,
            ``cross_validate(..., params={"target_distribution": D})``).
        **kwargs
            Passed on to ``keras.Model.fit`` (deprecated by scikeras).

        Returns
        -------
        self : object
        """
        self._target_distribution = check_distribution(target_distribution, X, y)
        try:
            return super().fit(X, y, sample_weight=sample_weight, **kwargs)
        finally:
            self._target_distribution = None

    def initialize(self, X, y):
        """Build and compile the network for ``X`` and ``y`` without training.

        Parameters
        ----------
        X : array-like of shape (n_samples, height * width)
            Images, as :meth:`fit` takes them; one of each class is enough.
        y : array-like of shape (n_samples,)
            Their labels: every class must appear, since the output layer
            is sized to them.

        Returns
        -------
        self : object
        """
        # A cosine schedule is sized in steps, as fit would count them on X.
        self._steps_per_epoch = self._count_steps(_num_samples(X))
        return super().initialize(X, y)

    def predict_proba(self, X, **kwargs):
        """Class probabilities of images ``X``, ``(n_samples, n_classes)``.

        scikeras squeezes a single sample to ``(n_classes,)``; one row per
        sample is kept here, so that soft voting works on one image too.
        """
        proba = super().predict_proba(X, **kwargs)
        return np.reshape(proba, (_num_samples(X), -1))

    @property
    def _width(self):
        """Filters of the first block: ``width`` or the architecture's default."""
        return self._default_width if self.width is None else int(self.width)

    def _image_shape(self):
        if self.image_shape is None:
            return (1, self.n_features_in_)
        return check_image_shape(self.image_shape)

    def _check_images(self, X, reset):
        return check_images(self, X, reset)

    def _check_classes(self, y, reset):
        check_classes(self, y, reset)

    def _start_fit(self, X, warm_start, epochs, initial_epoch):
        """Validate, draw the fit's seed, and number the epochs to train."""
        self._validate_params()
        seed = int_seed(self.random_state)
        drawn = int(np.random.default_rng().integers(2**31 - 1))
        self._seeds = seed, drawn if seed is None else seed
        self._steps_per_epoch = self._count_steps(_num_samples(X))
        done = len(getattr(self, "history_", {}).get("loss", ()))
        resuming = (self.warm_start or warm_start) and self.initialized_
        # partial_fit numbers its one epoch itself (initial_epoch > 0).
        if resuming and done and not initial_epoch:
            # Resume: the epochs left of the run, numbered on from it.
            initial_epoch, epochs = done, max(epochs - done, 0)
            if not epochs:
                warnings.warn(
                    f"{type(self).__name__} has trained {done} epochs of "
                    f"epochs={self.epochs} already: warm_start trains nothing "
                    f"more. Raise epochs to continue.",
                    UserWarning,
                    stacklevel=5,
                )
        self._history_before = dict(self.history_) if initial_epoch else {}
        return initial_epoch, epochs

    @property
    def _seed(self):
        """The fit's seed of batches and dropout masks (drawn if unseeded)."""
        return getattr(self, "_seeds", (None, 0))[1]

    @contextmanager
    def _seeded(self):
        """Fits take turns within a process (see FIT_LOCK), each seeded."""
        with FIT_LOCK, seeded(self._seeds[0]):
            yield

    def _count_steps(self, n_samples):
        n_val = math.ceil(self.validation_split * n_samples)
        batch_size = n_samples if self.batch_size == -1 else self.batch_size or 32
        return max(math.ceil((n_samples - n_val) / batch_size), 1)

    def _compile(self, inputs, outputs, name, compile_kwargs):
        """The network, compiled with the recipe: each architecture's last step."""
        return compile_network(self, inputs, outputs, name, compile_kwargs)

    def _fit_inputs(self, X, y, sample_weight, initial_epoch, kwargs):
        return keras_fit_inputs(self, X, y, sample_weight, initial_epoch, kwargs)

    def _training_callbacks(self, given):
        return training_callbacks(self, given)

    def _predict_views(self, X, **kwargs):
        """Probabilities, averaged over ``test_time_augmentation``'s views."""
        if self.test_time_augmentation is None:
            return self._predict_network(X, **kwargs)
        check_is_fitted(self, "model_")
        images = to_images(self._check_images(X, reset=False), self.image_shape_)
        stack = views(images, self.test_time_augmentation)
        proba = self._predict_network(stack.reshape(-1, images[0].size), **kwargs)
        return proba.reshape(len(stack), len(images), -1).mean(axis=0)

    def _predict_batches(self, X):
        """Under TensorFlow, from batches without the data pipeline's
        autotuner (as in fit); otherwise scikeras' own prediction."""
        if not uses_tf_data():
            return super(ScikerasAdapter, self)._predict_raw(X)
        check_is_fitted(self, "model_")
        X, _ = self._validate_data(X=X)
        X = self.feature_encoder_.transform(X)
        return self.model_.predict(
            predict_inputs(X, self.batch_size),
            verbose=self.verbose,
            callbacks=self._predict_callbacks,
        )

    def _upgrade_state(self, state):
        return upgrade_state(state, type(self))
