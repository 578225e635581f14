"""Saving and loading fitted skfer models (joblib), with clear errors."""

from pathlib import Path

import joblib
from sklearn.base import BaseEstimator

from ._registry import final_estimator


def load_model(path):
    """Load a fitted skfer estimator or pipeline saved with ``joblib.dump``.

    Keras classifiers (:mod:`skfer.keras`) pickle their network with
    scikeras, so a file holding one needs TensorFlow to load, but this module
    imports it only when such a file is read.

    .. warning::
        Loading unpickles the file, which can run arbitrary code: load only
        files you trust.

    Parameters
    ----------
    path : str or path-like
        File written by ``joblib.dump(model, path)``.

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
        If the file is not a joblib/pickle file, is truncated or corrupt,
        holds a Keras network compiled under another backend, or holds
        something other than a skfer model.

    Examples
    --------
    >>> import joblib, os, tempfile
    >>> from sklearn.pipeline import make_pipeline
    >>> from sklearn.linear_model import LogisticRegression
    >>> from skfer.features import HOGTransformer
    >>> from skfer.models import load_model
    >>> model = make_pipeline(HOGTransformer(), LogisticRegression())
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     path = os.path.join(tmp, "model.joblib")
    ...     _ = joblib.dump(model, path)
    ...     load_model(path).steps[0][0]
    'hogtransformer'
    """
    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(f"No model file at {str(path)!r}.")
    try:
        model = joblib.load(path)
    except ImportError:
        raise  # a missing dependency (TensorFlow, ...) says so itself
    except Exception as exc:
        # Truncated pickles fail in many ways (EOFError, UnpicklingError,
        # ValueError, a BadZipFile from Keras' weights, ...), and so does a
        # network compiled under torch read under another Keras backend.
        raise ValueError(
            f"{str(path)!r} is not a readable skfer model: the file is "
            f"truncated, corrupt or not a joblib/pickle file, or holds a Keras "
            f"network compiled under another Keras backend "
            f"(skfer.models.strip_for_shipping makes files portable) "
            f"({type(exc).__name__}: {exc})."
        ) from exc
    if not _is_skfer_model(model):
        raise ValueError(
            f"{str(path)!r} holds a {type(model).__module__}."
            f"{type(model).__qualname__}, not a skfer model (a scikit-learn "
            f"estimator that is or contains a skfer estimator)."
        )
    return model


def _is_skfer_model(obj):
    if not isinstance(obj, BaseEstimator):
        return False
    parts = [obj, *obj.get_params(deep=True).values()]
    parts += list(getattr(obj, "estimators_", []))
    return any(type(p).__module__.startswith("skfer.") for p in parts)


def save_model(model, path, *, ship=False, overwrite=False):
    """Save a fitted model with joblib, without what only training needs.

    The one way skfer saves models: ``skfer train``, the benchmarks and the
    shipped files all go through it. The model's training-only parameters
    (Keras ``callbacks`` and ``checkpoint``) are reset on ``model`` itself
    before saving, so that the file holds no progress bar or time budget.

    Parameters
    ----------
    model : fitted estimator
        A skfer classifier or a pipeline ending in one.
    path : str or path-like
        File to write (joblib, compressed).
    ship : bool, default=False
        Also :func:`strip_for_shipping`: quiet, portable across Keras
        backends, without the optimizer state (so not resumable exactly).
    overwrite : bool, default=False
        Replace an existing file; otherwise an existing file is an error.

    Returns
    -------
    path : pathlib.Path
        The file written.

    Raises
    ------
    FileExistsError
        If ``path`` exists and ``overwrite`` is False.
    FileNotFoundError
        If the folder of ``path`` does not exist.

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
    ...     type(load_model(path)).__name__
    'Pipeline'
    """
    path = Path(path)
    check_output_path(path, overwrite=overwrite)
    clf = final_estimator(model)
    training_only = {"callbacks": None, "checkpoint": None}
    params = clf.get_params(deep=False) if hasattr(clf, "get_params") else {}
    clf.set_params(**{k: v for k, v in training_only.items() if k in params})
    if ship:
        strip_for_shipping(model)
    joblib.dump(model, path, compress=3)
    return path


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
