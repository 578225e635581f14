"""The augmentation a CNN trains with: one object, drawn anew for every batch."""

import numpy as np
from sklearn.base import BaseEstimator

from ..utils import check_generator
from ._augment import flip_horizontal, linear_contrast
from ._geometry import random_affine, random_erasing


class TrainingAugmentation(BaseEstimator):
    """Random mirror, affine warp, contrast and erasing of training batches.

    The Keras classifiers of :mod:`skfer.keras` apply it to every training
    batch (``augment=True`` uses the defaults), in NumPy beside the network
    rather than inside it, so that it costs the same under every Keras
    backend and overlaps with the training step. Each step that is switched
    on is drawn independently for every image.

    Parameters
    ----------
    flip : bool, default=True
        Mirror half of the images left to right.
    rotation : float, default=10.0
        Largest rotation in degrees (0 for none).
    shift : float, default=0.1
        Largest shift as a fraction of the image side (0 for none).
    zoom : float, default=0.1
        Largest change of scale, ``[1 - zoom, 1 + zoom]`` (0 for none).
    contrast : float, default=0.0
        Largest change of contrast: a factor drawn in
        ``[1 - contrast, 1 + contrast]`` (0 for none).
    erasing : float, default=0.5
        Probability of random erasing (0 for none).

    See Also
    --------
    random_affine, random_erasing, flip_horizontal, linear_contrast :
        The steps.

    Examples
    --------
    >>> import numpy as np
    >>> from skfer.augment import TrainingAugmentation
    >>> images = np.random.default_rng(0).integers(0, 256, (8, 48, 48), dtype=np.uint8)
    >>> out = TrainingAugmentation(erasing=0.0)(images, random_state=0)
    >>> out.shape, out.dtype.name
    ((8, 48, 48), 'uint8')
    """

    def __init__(self, flip=True, rotation=10.0, shift=0.1, zoom=0.1, contrast=0.0,
                 erasing=0.5):
        self.flip = flip
        self.rotation = rotation
        self.shift = shift
        self.zoom = zoom
        self.contrast = contrast
        self.erasing = erasing

    def __call__(self, images, random_state=None):
        """Augment a batch of images.

        Parameters
        ----------
        images : ndarray of shape (n_images, height, width)
            Gray images, integer or float.
        random_state : int, RandomState instance, Generator or None, default=None
            Seed or generator of every random draw.

        Returns
        -------
        augmented : ndarray of shape (n_images, height, width), same dtype
        """
        rng = check_generator(random_state)
        out = np.asarray(images)
        if self.flip:
            mirror = rng.random(len(out)) < 0.5
            out = np.where(mirror[:, None, None], flip_horizontal(out), out)
        if self.rotation or self.shift or self.zoom:
            out = random_affine(
                out, self.rotation, self.shift, self.zoom, random_state=rng
            )
        if self.contrast:
            alpha = (1 - self.contrast, 1 + self.contrast)
            out = linear_contrast(out, alpha, random_state=rng)
        if self.erasing:
            out = random_erasing(out, self.erasing, random_state=rng)
        return out
