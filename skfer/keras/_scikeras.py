"""Every override of a private scikeras hook, in one place.

scikeras 0.13 is unmaintained, and its documented extension points
(``_keras_build_fn``, ``feature_encoder``, ``target_encoder``) do not reach
the places skfer changes: how ``X`` is checked, how batches reach Keras, how
callbacks and seeds are set up and what is pickled. Each override below is
thin and hands over to a method of :class:`~skfer.keras.BaseFERClassifier`;
:data:`PRIVATE_HOOKS` lists the scikeras methods relied upon with the
parameters they are called with, and a canary test
(``tests/keras/test_keras_scikeras_hooks.py``) fails loudly when an
installed scikeras changes one of them.
"""

from collections import defaultdict

from scikeras.wrappers import KerasClassifier
from sklearn.base import BaseEstimator
from sklearn.utils.validation import column_or_1d

#: scikeras methods overridden here, with the parameters skfer relies on.
PRIVATE_HOOKS = {
    "_validate_data": ("self", "X", "y", "reset", "y_numeric"),
    "_fit": (
        "self", "X", "y", "sample_weight", "warm_start", "epochs", "initial_epoch",
        "kwargs",
    ),
    "_fit_keras_model": (
        "self", "X", "y", "sample_weight", "warm_start", "epochs", "initial_epoch",
        "kwargs",
    ),
    "_predict_raw": ("self", "X", "kwargs"),
    "_build_keras_model": ("self",),
    "_initialize_callbacks": ("self",),
    "_get_param_names": ("self",),
    "__setstate__": ("self", "state"),
}


class ScikerasAdapter(KerasClassifier):
    """scikeras' KerasClassifier with skfer's handling of its private hooks."""

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

    def _validate_data(self, X=None, y=None, reset=False, y_numeric=False):
        if X is not None:
            X = self._check_images(X, reset)
        if y is not None:
            # One output per network: a column vector is raveled with
            # scikit-learn's DataConversionWarning, wider y is refused.
            y = column_or_1d(y, warn=True)
        X, y = super()._validate_data(X, y, reset=reset, y_numeric=y_numeric)
        if X is not None and reset:
            self.image_shape_ = self._image_shape()
        if y is not None:
            self._check_classes(y, reset)
        return X, y

    def _fit(self, X, y, sample_weight, warm_start, epochs, initial_epoch,
             **kwargs):
        initial_epoch, epochs = self._start_fit(X, warm_start, epochs, initial_epoch)
        if initial_epoch:
            # scikeras appends to the history key by key.
            self.history_ = defaultdict(list, self.history_)
        # Callbacks follow the parameters, also those set since the last fit.
        self._initialize_callbacks()
        with self._seeded():
            super()._fit(
                X, y, sample_weight, warm_start, epochs, initial_epoch, **kwargs
            )

    def _fit_keras_model(self, X, y, sample_weight, warm_start, epochs,
                         initial_epoch, **kwargs):
        X, kwargs = self._fit_inputs(X, y, sample_weight, initial_epoch, kwargs)
        super()._fit_keras_model(
            X, None, None, warm_start, epochs, initial_epoch, **kwargs
        )
        self.history_ = dict(self.history_)

    def _predict_raw(self, X, **kwargs):
        return self._predict_views(X, **kwargs)

    def _predict_network(self, X, **kwargs):
        """scikeras' prediction, or :meth:`_predict_batches` unless predict
        arguments are routed (they keep scikeras' own path)."""
        routed = kwargs or any(k.startswith("predict__") for k in self.get_params())
        if routed:
            return super()._predict_raw(X, **kwargs)
        return self._predict_batches(X)

    def _build_keras_model(self):
        # scikeras' own seeding toggles TensorFlow's global op determinism,
        # after which unseeded fits in the same process can fail ("Random ops
        # require a seed"); _seeded() in _fit seeds instead.
        self._random_state = None
        return super()._build_keras_model()

    def _initialize_callbacks(self):
        super()._initialize_callbacks()
        self._fit_callbacks = self._training_callbacks(self._fit_callbacks)

    def __getstate__(self):
        # Keras callbacks hold a reference to the model (and EarlyStopping a
        # copy of its best weights): pickling them would store the network
        # twice. They are rebuilt from the parameters.
        state = dict(super().__getstate__())
        for key in ("_fit_callbacks", "_predict_callbacks"):
            state.pop(key, None)
        return state

    def __setstate__(self, state):
        super().__setstate__(self._upgrade_state(state))
        if "model_" in state:
            self._initialize_callbacks()

