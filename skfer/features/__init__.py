"""Image features for classical pipelines: HOG."""

from ._hog import HOGTransformer

__all__ = ["HOGTransformer"]
