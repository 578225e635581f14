"""Small helpers shared by skfer's estimators (no TensorFlow)."""

from ._images import IMAGE_SHAPE, check_image_shape, read_gray, to_images
from ._photos import read_image
from ._random import check_generator

__all__ = [
    "IMAGE_SHAPE",
    "check_generator",
    "check_image_shape",
    "read_gray",
    "read_image",
    "to_images",
]
