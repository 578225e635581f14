"""Models trained on FER2013 and shipped inside the package: the public door
to the files of :mod:`skfer.models`' lifecycle."""

from ._load import load

__all__ = ["load"]
