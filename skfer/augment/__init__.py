"""Augmentations of gray face images, on batches (numpy and scikit-image).

The functions are the original report's balancing augmentations and the
geometric ones CNNs train and test with; :class:`TrainingAugmentation`
combines the latter into the policy a Keras classifier trains with.
"""

from ._augment import (
    add_gaussian_noise,
    crop,
    flip_horizontal,
    linear_contrast,
    sharpen,
)
from ._geometry import random_affine, random_erasing, ten_crop
from ._policy import TrainingAugmentation

__all__ = [
    "TrainingAugmentation",
    "add_gaussian_noise",
    "crop",
    "flip_horizontal",
    "linear_contrast",
    "random_affine",
    "random_erasing",
    "sharpen",
    "ten_crop",
]
