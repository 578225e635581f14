"""The ``skfer`` command line: ``demo``, ``predict``, ``train`` and ``evaluate``.

Run ``skfer --help``. TensorFlow is imported only by commands that need it.
The command only parses arguments and prints; models are built, saved and
loaded by :mod:`skfer.models`.
"""

from ._main import main

__all__ = ["main"]
