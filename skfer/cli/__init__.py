"""The ``skfer`` command line: ``demo``, ``predict``, ``train`` and ``evaluate``.

Run ``skfer --help``. TensorFlow is imported only by commands that need it.
"""

from ._main import main
from ._models import MODEL_NAMES, build_model

__all__ = ["MODEL_NAMES", "build_model", "main"]
