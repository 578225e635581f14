"""The models skfer builds by name (``skfer train --model NAME``)."""

#: Names of the buildable models: the five CNNs and a HOG + linear SVM.
#: Spelled out rather than read from ``skfer.keras.ARCHITECTURES``, so that
#: ``skfer --help`` does not import TensorFlow; a test keeps the two in step.
MODEL_NAMES = ("cnn1", "cnn2", "resnet", "tiny-xception", "hog-cnn", "hog-svm")

#: The training recipe the shipped models were trained with, as parameters
#: of any Keras classifier (the class defaults stay the report's): SGD with
#: Nesterov momentum on a cosine schedule after a warm-up, weight decay,
#: label smoothing, weight averaging, NumPy augmentation with random erasing,
#: and no early stopping (the schedule ends training). Choose ``epochs`` (60
#: for the shipped 7-label model): ``build_model("cnn2", epochs=60, **RECIPE)``.
RECIPE = {
    "augment": True,
    "lr_schedule": "cosine",
    "warmup_epochs": 3,
    "optimizer": "sgd",
    "optimizer__learning_rate": 0.05,
    "optimizer__momentum": 0.9,
    "optimizer__nesterov": True,
    "weight_decay": 5e-4,
    "label_smoothing": 0.1,
    "ema_momentum": 0.999,
    "model__dropout": 0.1,
    "patience": None,
}


def build_model(name, *, balance=False, random_state=0, **params):
    """A fresh, unfitted model by name.

    Parameters
    ----------
    name : str
        One of :data:`MODEL_NAMES`.
    balance : bool, default=False
        Put an :class:`~skfer.over_sampling.AugmentingOversampler` in front,
        inside an imbalanced-learn pipeline (so it runs in ``fit`` only).
    random_state : int, RandomState instance or None, default=0
        Seed of the model and of the oversampler.
    **params
        Parameters of a Keras classifier (``epochs``, ``width``,
        ``augment``, ``callbacks``, ``lr_schedule``, ...), such as
        :data:`RECIPE`'s; ``width=None`` keeps the architecture's own width,
        and every other None is passed on (``patience=None`` turns early
        stopping off). "hog-svm" takes none.

    Returns
    -------
    model : estimator
        The classifier, or a pipeline ending in it.

    Examples
    --------
    >>> from skfer.models import build_model
    >>> build_model("hog-svm", balance=True).steps[0][0]
    'augmentingoversampler'
    """
    if name not in MODEL_NAMES:
        raise ValueError(f"Unknown model {name!r}; the models are {MODEL_NAMES}.")
    if params.get("width", 0) is None:
        del params["width"]
    if name == "hog-svm":
        if params:
            raise ValueError(f"hog-svm takes no parameters; got {sorted(params)}.")
        model = _hog_svm()
    else:
        from ..keras import ARCHITECTURES

        model = ARCHITECTURES[name](random_state=random_state, **params)
    if not balance:
        return model
    from imblearn.pipeline import make_pipeline

    from ..over_sampling import AugmentingOversampler

    return make_pipeline(AugmentingOversampler(random_state=random_state), model)


def final_estimator(model):
    """The classifier at the end of ``model``: itself, or a pipeline's last step.

    Examples
    --------
    >>> from sklearn.pipeline import make_pipeline
    >>> from sklearn.preprocessing import StandardScaler
    >>> from sklearn.svm import SVC
    >>> from skfer.models import final_estimator
    >>> final_estimator(make_pipeline(StandardScaler(), SVC()))
    SVC()
    """
    return model[-1] if hasattr(model, "steps") else model


def _hog_svm():
    from sklearn.calibration import CalibratedClassifierCV
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler
    from sklearn.svm import LinearSVC

    from ..features import HOGTransformer

    # Calibration gives the probabilities `skfer predict` prints.
    svm = CalibratedClassifierCV(LinearSVC(C=0.01), cv=3)
    return make_pipeline(HOGTransformer(), StandardScaler(), svm)
