"""A model's life: building by name, saving, stripping for shipping, loading.

The shipped models are loaded through :func:`skfer.pretrained.load`.
TensorFlow is imported only to build or load a Keras model.
"""

from ._persistence import check_output_path, load_model, save_model, strip_for_shipping
from ._registry import MODEL_NAMES, RECIPE, build_model, final_estimator

__all__ = [
    "MODEL_NAMES",
    "RECIPE",
    "build_model",
    "check_output_path",
    "final_estimator",
    "load_model",
    "save_model",
    "strip_for_shipping",
]
