"""Models trained on FER2013 and shipped inside the package."""

from ._load import load, strip_for_shipping

__all__ = ["load", "strip_for_shipping"]
