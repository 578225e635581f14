"""Saving and loading fitted skfer models: joblib (pickle) or skops, clear errors."""

import os
from pathlib import Path

import joblib
from sklearn.base import BaseEstimator

from ._file_kinds import file_kind
from ._registry import final_estimator
from ._skops import check_skops_types, first_line, is_skops, load_skops, skops_io

_SKOPS_SUFFIX = ".skops"


def load_model(path):
    """Load a fitted skfer estimator or pipeline saved with joblib or skops.

    A ``.skops`` file (:func:`save_model`) is read with :mod:`skops.io`,
    which builds only objects of allowed types: scikit-learn's, NumPy's and
    SciPy's (skops' own list), imbalanced-learn's ``Pipeline`` and skfer's
    :class:`~skfer.features.HOGTransformer`,
    :class:`~skfer.over_sampling.AugmentingOversampler` and
    :class:`~skfer.ensemble.PrefitVotingClassifier`; a file naming any other
    type is refused before anything is built. Any other file is unpickled
    with :func:`joblib.load`, after a check of its first bytes that refuses
    files that are not pickles at all (data files, images, text).

    Keras classifiers (:mod:`skfer.keras`) pickle their network with
    scikeras, so a file holding one needs TensorFlow to load, but this module
    imports it only when such a file is read.

    .. warning::
        Unpickling a joblib file can run arbitrary code, before skfer can
        tell whether it holds a model: load only joblib files you trust.
        The check of the first bytes does not make an untrusted pickle safe.

    Parameters
    ----------
    path : str or path-like
        File written by :func:`save_model` or ``joblib.dump(model, path)``.

    Returns
    -------
    model : estimator
        A scikit-learn estimator that is, or contains, a skfer estimator
        (for example a pipeline with a :class:`~skfer.features.HOGTransformer`
        or a Keras classifier).

    Raises
    ------
    FileNotFoundError
        If ``path`` does not exist.
    ValueError
        If the file is not a joblib/pickle or skops file, is truncated or
        corrupt, was saved by another version of skfer, holds a Keras network
        compiled under another backend, holds types that skops files may not
        hold, or holds something other than a skfer model.
    ImportError
        If the file needs a package that is not installed (TensorFlow for a
        Keras classifier, skops for a ``.skops`` file); the message names it.

    Examples
    --------
    >>> import os, tempfile
    >>> from sklearn.pipeline import make_pipeline
    >>> from sklearn.linear_model import LogisticRegression
    >>> from skfer.features import HOGTransformer
    >>> from skfer.models import load_model, save_model
    >>> model = make_pipeline(HOGTransformer(), LogisticRegression())
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     path = save_model(model, os.path.join(tmp, "model.joblib"))
    ...     load_model(path).steps[0][0]
    'hogtransformer'
    """
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"No model file at {str(path)!r}.")
    kind = file_kind(path)
    if kind == "zip" and is_skops(path):
        return _check_model(load_skops(path), path)
    if path.suffix.lower() == _SKOPS_SUFFIX:
        # Whoever named it .skops expects it not to be unpickled.
        raise ValueError(
            f"{str(path)!r} is named .skops but is "
            f"{'a pickle' if kind == 'pickle' else kind}, not a skops file: refused."
        )
    if kind != "pickle":
        if kind == "zip":
            kind = "a zip archive (an .npz data file or a .keras network?)"
        raise ValueError(
            f"{str(path)!r} is not a readable skfer model: it is {kind}, not a "
            f"model saved with joblib or skops."
        )
    model = _unpickle(path)
    return _check_model(model, path)


def save_model(model, path, *, ship=False, overwrite=False, compress=3):
    """Save a fitted model with joblib, or with skops if ``path`` ends in .skops.

    The one way skfer saves models: ``skfer train``, the benchmarks and the
    shipped files all go through it. The model's training-only parameters
    (Keras ``callbacks`` and ``checkpoint``) are reset on ``model`` itself
    first, so that the file holds no progress bar or time budget. The file
    is written next to ``path`` and renamed into place, so an interrupted
    save never leaves a truncated model, nor destroys the file it replaces.

    Parameters
    ----------
    model : estimator
        A fitted skfer estimator or pipeline.
    path : str or path-like
        Destination. A ``.skops`` file loads without unpickling (see
        :func:`load_model`), but cannot hold Keras classifiers, whose
        network scikeras saves by pickling; any other name gets a joblib file.
    ship : bool, default=False
        Also :func:`strip_for_shipping`: quiet, portable across Keras
        backends, without the optimizer state (so not resumable exactly).
    overwrite : bool, default=False
        Replace an existing file; otherwise an existing file is an error.
    compress : int, default=3
        joblib's compression level (0 to 9); skops files are always zipped.

    Returns
    -------
    path : str
        The file written.

    Raises
    ------
    ValueError
        If a model holding a Keras classifier, or another type that
        :func:`load_model` does not accept from skops files, is to be saved
        as ``.skops``.
    FileExistsError
        If ``path`` exists and ``overwrite`` is False.
    FileNotFoundError
        If the folder of ``path`` does not exist.

    Examples
    --------
    >>> import os, tempfile
    >>> from skfer.datasets import load_fer2013_sample
    >>> from skfer.features import HOGTransformer
    >>> from skfer.models import load_model, save_model
    >>> from sklearn.linear_model import LogisticRegression
    >>> from sklearn.pipeline import make_pipeline
    >>> fer = load_fer2013_sample()
    >>> model = make_pipeline(HOGTransformer(), LogisticRegression(max_iter=200))
    >>> model = model.fit(fer.data[:200], fer.target[:200])
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     path = save_model(model, os.path.join(tmp, "model.skops"))
    ...     loaded = load_model(path)
    >>> bool((loaded.predict(fer.data[:5]) == model.predict(fer.data[:5])).all())
    True
    """
    path = Path(path)
    check_output_path(path, overwrite=overwrite)
    skops = path.suffix.lower() == _SKOPS_SUFFIX
    if skops and _has_keras(model):
        raise ValueError(
            f"{str(path)!r}: a Keras classifier cannot be saved as .skops "
            f"(scikeras saves its network by pickling); save it as .joblib."
        )
    clf = final_estimator(model)
    params = clf.get_params(deep=False) if hasattr(clf, "get_params") else {}
    training_only = {"callbacks": None, "checkpoint": None}
    clf.set_params(**{k: v for k, v in training_only.items() if k in params})
    if ship:
        strip_for_shipping(model)
    # Beside the target, so that the rename stays on one file system; not
    # mkstemp, whose file would keep mode 0600.
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        if skops:
            skops_io().dump(model, tmp)
            check_skops_types(tmp, shown=path)
        else:
            joblib.dump(model, tmp, compress=compress)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.remove(tmp)
    return str(path)


def _unpickle(path):
    try:
        return joblib.load(path)
    except ModuleNotFoundError as exc:
        if exc.name and exc.name.split(".")[0] == "skfer":
            raise _other_version(path, exc) from exc
        raise ImportError(
            f"{str(path)!r} needs the package {exc.name!r}, which is not "
            f"installed ({exc})."
        ) from exc
    except AttributeError as exc:
        # pickle's "Can't get attribute 'X' on <module 'skfer...'>".
        raise _other_version(path, exc) from exc
    except ImportError:
        raise  # a missing dependency (TensorFlow, ...) says so itself
    except Exception as exc:
        # Truncated pickles fail in many ways (EOFError, UnpicklingError,
        # ValueError, a BadZipFile from Keras' weights, ...), and so does a
        # network compiled under torch read under another Keras backend.
        raise ValueError(
            f"{str(path)!r} is not a readable skfer model: the file is "
            f"truncated, corrupt or not a pickle, or holds a Keras network "
            f"compiled under another Keras backend "
            f"(skfer.models.strip_for_shipping makes files portable) "
            f"({type(exc).__name__}: {first_line(exc)})."
        ) from exc


def _other_version(path, exc):
    return ValueError(
        f"{str(path)!r} was saved by another version of skfer or of a library "
        f"it uses, and does not load with this one ({type(exc).__name__}: "
        f"{first_line(exc)}); retrain it, or load it with the versions that "
        f"saved it."
    )


def _check_model(model, path):
    try:
        is_skfer = _is_skfer_model(model)
    except AttributeError as exc:
        # An estimator pickled before a parameter was added lacks it.
        raise _other_version(path, exc) from exc
    if not is_skfer:
        raise ValueError(
            f"{str(path)!r} holds a {type(model).__module__}."
            f"{type(model).__qualname__}, not a skfer model (a scikit-learn "
            f"estimator that is or contains a skfer estimator)."
        )
    return model


def _is_skfer_model(obj):
    if not isinstance(obj, BaseEstimator):
        return False
    params = obj.get_params(deep=True)
    parts = [obj, *params.values(), *getattr(obj, "estimators_", [])]
    return any(type(p).__module__.startswith("skfer.") for p in parts)


def _has_keras(model):
    parts = [model]
    if isinstance(model, BaseEstimator):
        parts += [*model.get_params(deep=True).values()]
        parts += list(getattr(model, "estimators_", []))
    return any(type(p).__module__.startswith("skfer.keras") for p in parts)


def check_output_path(path, *, overwrite=False):
    """Refuse an output file that exists (unless ``overwrite``) or whose
    folder does not: checked before any slow work."""
    path = Path(path)
    if path.exists() and not overwrite:
        raise FileExistsError(
            f"{str(path)!r} exists already; choose another file or allow "
            f"overwriting it."
        )
    if not path.parent.is_dir():
        raise FileNotFoundError(
            f"No folder {str(path.parent)!r} to write {path.name!r} in."
        )


def strip_for_shipping(model):
    """Make a fitted Keras classifier quiet, portable and small.

    The network is replaced by an uncompiled copy with the same weights:
    the optimizer's values per weight are gone, and so is the compiled
    optimizer, whose saved class is specific to the Keras backend under
    torch, so that the file loads under TensorFlow, JAX or torch whichever
    trained it. Predictions are unchanged; fitting again (``warm_start``,
    ``partial_fit``) compiles a fresh optimizer from the estimator's
    parameters.

    Parameters
    ----------
    model : fitted skfer Keras classifier, or a pipeline ending in one
        Changed in place; other models are returned unchanged.

    Returns
    -------
    model : the same object
    """
    clf = final_estimator(model)
    network = getattr(clf, "model_", None)
    if network is not None:
        clf.set_params(verbose=0)
        # From its config, not clone_model, which compiles the copy too.
        copy = type(network).from_config(network.get_config())
        copy.set_weights(network.get_weights())
        clf.model_ = copy
    return model
