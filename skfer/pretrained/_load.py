"""The models shipped inside the package."""

import hashlib
import warnings
from importlib import resources

from sklearn.exceptions import InconsistentVersionWarning

#: Beside the model files: ``sha256sum`` lines, checked before unpickling.
_CHECKSUMS = "SHA256SUMS"
# File and test-time augmentation of each shipped model: the views chosen
# for it on its validation split (the results page gives the figures).
_FILES = {
    ("fer2013", 7): ("fer2013_7labels.joblib", "ten-crop"),
    ("fer2013", 3): ("fer2013_3labels.joblib", "flip"),
    ("ferplus", 8): ("ferplus.joblib", "ten-crop"),
}
#: The shipped models' names, each with its label count when none is given.
SHIPPED_MODELS = {"fer2013": 7, "ferplus": 8}
#: The model :func:`skfer.analyze` and ``skfer predict`` use unless told:
#: the one that agrees more often with the FER+ crowd's majority on
#: PublicTest (the results page gives the figures).
DEFAULT_MODEL = "ferplus"


def load(name="fer2013", *, labels=None, test_time_augmentation="auto"):
    """Load a fitted model shipped with skfer.

    The model takes the same input as every skfer estimator, flattened 48x48
    uint8 faces. The FER2013 models predict FER2013 codes (0 angry ... 6
    neutral; the 3-label model predicts 3 happy, 4 sad, 6 neutral); the FER+
    model, trained on the FER+ crowd's votes for the same images, predicts
    the eight FER+ names (:data:`skfer.datasets.FERPLUS_EMOTIONS`). How each
    file was trained, and its PublicTest scores, are on the documentation's
    results page; ``benchmarks/train_pretrained.py`` reproduces it.

    Parameters
    ----------
    name : {"fer2013", "ferplus"}, default="fer2013"
        The training labels: FER2013's own, or the FER+ crowd's.
    labels : {None, 7, 3, 8}, default=None
        For "fer2013", all seven expressions (7, the default) or the
        original report's happy/sad/neutral task (3); "ferplus" has its 8.
    test_time_augmentation : {"auto", None, "flip", "ten-crop"}, default="auto"
        Views of each face whose predictions are averaged (the classifier's
        ``test_time_augmentation``); "auto" uses the shipped model's own
        choice, made on its validation split: "ten-crop" for the 7-label
        model (ten times the prediction time of None), "flip" for the
        3-label one (twice), "ten-crop" for the FER+ one.

    Returns
    -------
    model : classifier
        A fitted scikit-learn classifier (imports TensorFlow).

    Raises
    ------
    ValueError
        If no model of that name and label count is shipped, or its file
        does not match the SHA-256 checksum recorded beside it in
        ``SHA256SUMS`` (checked before the file is unpickled).

    Examples
    --------
    >>> from skfer.datasets import load_fer2013_sample
    >>> from skfer.pretrained import load
    >>> model = load("fer2013")  # doctest: +SKIP
    >>> model.predict(load_fer2013_sample().data[:3])  # doctest: +SKIP
    array([...])
    >>> len(load("ferplus").classes_)  # the FER+ names  # doctest: +SKIP
    8
    """
    from ..models import load_model

    labels = SHIPPED_MODELS.get(name) if labels is None else labels
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
        check_checksum(path, _recorded_checksums().get(file))
        with warnings.catch_warnings():
            # Pickled under one scikit-learn; the tests load and run them
            # under every version skfer supports (tox -e oldest included).
            warnings.simplefilter("ignore", InconsistentVersionWarning)
            model = load_model(path)
    if test_time_augmentation != "auto":
        views = test_time_augmentation
    return model.set_params(test_time_augmentation=views)


def _recorded_checksums():
    ref = resources.files(__package__).joinpath(_CHECKSUMS)
    lines = ref.read_text().splitlines() if ref.is_file() else []
    # sha256sum writes "<hex>  <name>", or "<hex> *<name>" in binary mode.
    pairs = [line.split(maxsplit=1) for line in lines if line.strip()]
    return {name.lstrip("*"): digest for digest, name in pairs}


def check_checksum(path, expected):
    """Refuse ``path`` unless its SHA-256 digest is ``expected`` (hex)."""
    if expected is None:
        raise ValueError(
            f"No checksum is recorded for {path.name} in skfer/pretrained/"
            f"{_CHECKSUMS}; after replacing a shipped model, run "
            f"`sha256sum *.joblib > {_CHECKSUMS}` in that folder."
        )
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    if digest != expected:
        raise ValueError(
            f"The shipped model {path.name} does not match its checksum in "
            f"{_CHECKSUMS} (sha256 {digest[:12]}..., recorded "
            f"{expected[:12]}...): the installation is damaged or the file was "
            f"replaced, so it is not loaded. Reinstall skfer; after replacing a "
            f"shipped model on purpose, run `sha256sum *.joblib > {_CHECKSUMS}` "
            f"in skfer/pretrained."
        )
