"""The models shipped inside the package."""

from importlib import resources

# File and test-time augmentation of each shipped model: the views chosen
# for it on its validation split (the results page gives the figures).
_FILES = {
    ("fer2013", 7): ("fer2013_7labels.joblib", "flip"),
    ("fer2013", 3): ("fer2013_3labels.joblib", "flip"),
}


def load(name="fer2013", *, labels=7, test_time_augmentation="auto"):
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
    test_time_augmentation : {"auto", None, "flip", "ten-crop"}, default="auto"
        Views of each face whose predictions are averaged (the classifier's
        ``test_time_augmentation``); "auto" uses the shipped model's own
        choice, "flip" for both of today's models (twice the prediction
        time of None).

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
    from ..models import load_model

    if (name, labels) not in _FILES:
        raise ValueError(
            f"No shipped model {name!r} with {labels} labels; shipped: "
            f"{sorted(_FILES)}."
        )
    file, views = _FILES[name, labels]
    ref = resources.files(__package__).joinpath(file)
    if not ref.is_file():
        raise ValueError(
            f"The shipped model file {file} is missing from this "
            f"installation; `python benchmarks/train_pretrained.py` makes it."
        )
    with resources.as_file(ref) as path:
        model = load_model(path)
    if test_time_augmentation != "auto":
        views = test_time_augmentation
    return model.set_params(test_time_augmentation=views)
