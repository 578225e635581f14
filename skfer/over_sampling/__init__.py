"""Over-samplers for image classes (imbalanced-learn API)."""

from ._augmenting import DEFAULT_AUGMENTATIONS, AugmentingOversampler

__all__ = ["DEFAULT_AUGMENTATIONS", "AugmentingOversampler"]
