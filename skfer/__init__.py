"""skfer: scikit-learn compatible facial expression recognition.

Importing ``skfer`` imports no TensorFlow: only :mod:`skfer.keras` does, and
:func:`analyze` when it loads a model or runs MTCNN.
"""

__version__ = "0.1.0.dev0"

__all__ = ["__version__", "analyze", "analyze_video"]


def __getattr__(name):
    # PEP 562: the photo and video entry points load on first use, so that
    # ``import skfer`` stays as light as it was.
    if name == "analyze":
        from ._analyze import analyze

        return analyze
    if name == "analyze_video":
        from ._video import analyze_video

        return analyze_video
    raise AttributeError(f"module 'skfer' has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | set(__all__))
