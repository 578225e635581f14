"""Small helpers shared by skfer's estimators (no TensorFlow)."""

from ._images import check_image_shape, to_images

__all__ = ["check_image_shape", "to_images"]
