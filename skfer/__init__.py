"""skfer: scikit-learn compatible facial expression recognition.

Importing ``skfer`` imports no TensorFlow: only :mod:`skfer.keras` does.
"""

__version__ = "0.1.0.dev0"

__all__ = ["__version__"]
