"""Augmentations of gray face images, on batches (numpy and scikit-image)."""

from ._augment import (
    add_gaussian_noise,
    crop,
    flip_horizontal,
    linear_contrast,
    sharpen,
)

__all__ = [
    "add_gaussian_noise",
    "crop",
    "flip_horizontal",
    "linear_contrast",
    "sharpen",
]
