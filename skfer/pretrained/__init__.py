"""Models trained on FER2013 Training and shipped inside the package, with
FER2013's labels or the FER+ crowd's: the public door to the files of
:mod:`skfer.models`' lifecycle."""

from ._load import DEFAULT_MODEL, SHIPPED_MODELS, load

__all__ = ["DEFAULT_MODEL", "SHIPPED_MODELS", "load"]
