"""The scikeras base class of skfer's CNNs: tags, image checks, training defaults."""

from numbers import Integral, Real

import numpy as np
from scikeras.wrappers import KerasClassifier
from scipy import sparse
from sklearn.base import BaseEstimator
from sklearn.utils import ClassifierTags
from sklearn.utils._param_validation import Interval
from sklearn.utils.validation import check_is_fitted, column_or_1d

from ..utils import check_image_shape
from ._tf_data import fit_inputs, predict_inputs, uses_tf_data
from ._training import int_seed, report_callbacks, seeded, stratified_split, take


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
    augment : bool, default=False
        Randomly flip, shift, zoom, rotate and change the contrast of the
        training images at every epoch (Keras preprocessing layers, inactive
        at prediction).
    test_time_flip : bool, default=False
        Predict each image and its left-right mirror and average the two
        probability vectors (test-time augmentation). Twice the prediction
        time; on FER2013 PublicTest it added 0.6 points of accuracy to the
        shipped model.
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
        Train the already fitted network further at the next ``fit`` instead
        of a new one.
    patience : int or None, default=8
        Epochs without improvement of the monitored loss before training
        stops and the best weights are restored. None trains all ``epochs``.
    lr_patience : int or None, default=3
        Epochs without improvement before the learning rate is multiplied by
        ``lr_factor``. None keeps the learning rate.
    lr_factor : float, default=0.5
        Factor of the learning rate reduction.
    optimizer : str or keras optimizer class, default="adam"
        Routed parameters such as ``optimizer__learning_rate`` configure it.
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
        "augment": ["boolean"],
        "test_time_flip": ["boolean"],
        "patience": [Interval(Integral, 0, None, closed="left"), None],
        "lr_patience": [Interval(Integral, 0, None, closed="left"), None],
        "lr_factor": [Interval(Real, 0, 1, closed="neither")],
    }

    def __init__(
        self,
        *,
        image_shape=(48, 48),
        width=None,
        augment=False,
        test_time_flip=False,
        epochs=100,
        batch_size=64,
        validation_split=0.1,
        validation_batch_size=None,
        shuffle=True,
        warm_start=False,
        patience=8,
        lr_patience=3,
        lr_factor=0.5,
        optimizer="adam",
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
        self.test_time_flip = test_time_flip
        self.patience = patience
        self.lr_patience = lr_patience
        self.lr_factor = lr_factor

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
        self._seed = int_seed(self.random_state)
        with seeded(self._seed):
            super()._fit(
                X, y, sample_weight, warm_start, epochs, initial_epoch, **kwargs
            )

    def _predict_raw(self, X, **kwargs):
        proba = self._predict_network(X, **kwargs)
        if not self.test_time_flip:
            return proba
        h, w = self.image_shape_
        mirrored = _flatten(np.asarray(X)).reshape(-1, h, w)[:, :, ::-1]
        mirrored = mirrored.reshape(len(mirrored), h * w)
        return (proba + self._predict_network(mirrored, **kwargs)) / 2

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
        self._fit_callbacks = (
            report_callbacks(
                monitor="val_loss" if self.validation_split else "loss",
                patience=self.patience,
                lr_patience=self.lr_patience,
                lr_factor=self.lr_factor,
            )
            + self._fit_callbacks
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
        # Models pickled before test_time_flip existed predicted without it.
        state = {"test_time_flip": False, **state}
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
        # Left to Keras only when too few samples to split: it needs arrays.
        keras_splits = self.validation_split and "validation_data" not in kwargs
        if uses_tf_data() and not keras_splits:
            X, kwargs = fit_inputs(
                (X, y, sample_weight),
                kwargs,
                batch_size=self.batch_size,
                validation_batch_size=self.validation_batch_size,
                shuffle=self.shuffle,
            )
            y = sample_weight = None
        super()._fit_keras_model(
            X, y, sample_weight, warm_start, epochs, initial_epoch, **kwargs
        )
        self.history_ = dict(self.history_)


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
