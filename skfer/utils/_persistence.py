"""Load fitted skfer models saved with joblib, with clear errors."""

from pathlib import Path

import joblib
from sklearn.base import BaseEstimator


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
    >>> from skfer.utils import load_model
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
            f"(skfer.pretrained.strip_for_shipping makes files portable) "
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
