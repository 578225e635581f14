"""Small helpers shared by skfer's estimators (no TensorFlow)."""

from ._images import check_image_shape, read_gray, to_images
from ._persistence import load_model
from ._photos import read_image
from ._random import check_generator

__all__ = [
    "check_generator",
    "check_image_shape",
    "load_model",
    "read_gray",
    "read_image",
    "to_images",
]
