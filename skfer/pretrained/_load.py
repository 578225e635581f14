"""The models shipped inside the package."""

from importlib import resources

_FILES = {
    ("fer2013", 7): "fer2013_7labels.joblib",
    ("fer2013", 3): "fer2013_3labels.joblib",
}


def load(name="fer2013", *, labels=7, test_time_flip=True):
    """Load a fitted model shipped with skfer.

    The model takes the same input as every skfer estimator, flattened 48x48
    uint8 faces, and predicts FER2013 codes (0 angry ... 6 neutral; the
    3-label model predicts 3 happy, 4 sad, 6 neutral). How each file was
    trained, and its PublicTest scores, are on the documentation's results
    page; ``benchmarks/train_pretrained.py`` reproduces it.

    Parameters
    ----------
    name : {"fer2013"}, default="fer2013"
        The training data.
    labels : {7, 3}, default=7
        All seven expressions, or the original report's happy/sad/neutral task.
    test_time_flip : bool, default=True
        Average the prediction of each face with that of its mirror image
        (the classifier's ``test_time_flip``): on PublicTest it lifts the
        7-label model from 61.9% to 62.5% accuracy, at twice the
        prediction time.

    Returns
    -------
    model : classifier
        A fitted scikit-learn classifier (imports TensorFlow).

    Raises
    ------
    ValueError
        If no model of that name and label count is shipped.

    Examples
    --------
    >>> from skfer.datasets import load_fer2013_sample
    >>> from skfer.pretrained import load
    >>> model = load("fer2013")  # doctest: +SKIP
    >>> model.predict(load_fer2013_sample().data[:3])  # doctest: +SKIP
    array([...])
    """
    from ..utils import load_model

    if (name, labels) not in _FILES:
        raise ValueError(
            f"No shipped model {name!r} with {labels} labels; shipped: "
            f"{sorted(_FILES)}."
        )
    ref = resources.files(__package__).joinpath(_FILES[name, labels])
    if not ref.is_file():
        raise ValueError(
            f"The shipped model file {_FILES[name, labels]} is missing from this "
            f"installation; `python benchmarks/train_pretrained.py` makes it."
        )
    with resources.as_file(ref) as path:
        model = load_model(path)
    return model.set_params(test_time_flip=test_time_flip)


def strip_for_shipping(model):
    """Make a fitted Keras classifier quiet and drop its optimizer state.

    Adam keeps two values per weight: replaced by a fresh, zero-filled
    optimizer they compress to almost nothing, and predictions are
    unchanged. Training it again starts from that fresh optimizer.

    Parameters
    ----------
    model : fitted skfer Keras classifier, or a pipeline ending in one
        Changed in place.

    Returns
    -------
    model : the same object
    """
    clf = model[-1] if hasattr(model, "steps") else model
    keras_model = getattr(clf, "model_", None)
    if keras_model is not None:
        clf.set_params(verbose=0)
        optimizer = type(keras_model.optimizer).from_config(
            keras_model.optimizer.get_config()
        )
        # Built, so that loading finds the variables it expects.
        optimizer.build(keras_model.trainable_variables)
        keras_model.compile(
            optimizer=optimizer, loss=keras_model.loss, metrics=["accuracy"]
        )
    return model
