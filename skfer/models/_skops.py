"""skops files: models that load without unpickling, from a list of types."""

import zipfile


def skops_io():
    try:
        import skops.io
    except ImportError:
        raise ImportError(
            "skops files need the skops package: pip install skops"
        ) from None
    return skops.io


def is_skops(path):
    try:
        with zipfile.ZipFile(path) as z:
            return "schema.json" in z.namelist()
    except zipfile.BadZipFile:
        return False


def _skops_trusted_types():
    """The types, beyond skops' defaults, that skfer lets a .skops file hold.

    Estimators whose state is plain data (arrays, numbers, dicts) and whose
    loading runs no code of theirs; never a Keras classifier, whose state
    holds a pickled network.
    """
    from imblearn.pipeline import Pipeline

    from ..ensemble import PrefitVotingClassifier
    from ..features import HOGTransformer
    from ..over_sampling import AugmentingOversampler

    types = [AugmentingOversampler, HOGTransformer, Pipeline, PrefitVotingClassifier]
    # By name: private classes of scikit-learn's CalibratedClassifierCV.
    return sorted(
        [f"{t.__module__}.{t.__qualname__}" for t in types]
        + [
            "sklearn.calibration._CalibratedClassifier",
            "sklearn.calibration._SigmoidCalibration",
            "sklearn.utils._bunch.Bunch",
        ]
    )


def check_skops_types(path, shown=None):
    """The types a skops file holds beyond skops' defaults, if all allowed."""
    try:
        untrusted = skops_io().get_untrusted_types(file=path)
    except Exception as exc:
        raise ValueError(
            f"{str(shown or path)!r} is not a readable skops file "
            f"({type(exc).__name__}: {first_line(exc)})."
        ) from exc
    refused = sorted(set(untrusted) - set(_skops_trusted_types()))
    if refused:
        raise ValueError(
            f"{str(shown or path)!r} holds types that skfer does not load from "
            f"a skops file: {refused}; save such a model with joblib."
        )
    return untrusted


def load_skops(path):
    sio = skops_io()
    untrusted = check_skops_types(path)
    try:
        return sio.load(path, trusted=untrusted)
    except Exception as exc:
        raise ValueError(
            f"{str(path)!r} is not a readable skops file "
            f"({type(exc).__name__}: {first_line(exc)})."
        ) from exc


def first_line(exc):
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
