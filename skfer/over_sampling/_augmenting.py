"""Over-sampling by augmentation: new images are altered copies of originals."""

import numbers
from collections.abc import Mapping

import numpy as np
from imblearn.over_sampling.base import BaseOverSampler
from imblearn.utils import Substitution
from imblearn.utils._docstring import _random_state_docstring
from sklearn.base import _fit_context
from sklearn.utils._param_validation import Interval

from .. import augment
from ..augment._augment import integer_range
from ..utils import IMAGE_SHAPE, check_generator, to_images

#: The original report's augmentations and their default strength ranges.
DEFAULT_AUGMENTATIONS = {
    "noise": (0.0, 0.05),
    "flip": None,
    "contrast": (0.75, 1.5),
    "sharpen": (0.0, 1.0),
    "crop": (0.0, 0.1),
}
# Images augmented per step: bounds the float32 working copies (~10 MB at 48x48).
_CHUNK = 1024


@Substitution(
    sampling_strategy=BaseOverSampler._sampling_strategy_docstring,
    random_state=_random_state_docstring,
)
class AugmentingOversampler(BaseOverSampler):
    """Over-sample classes with augmented copies of their own images.

    Each new sample is a randomly drawn original of the same class passed
    through a random chain of the augmentations of :mod:`skfer.augment`
    (additive Gaussian noise, mirror flip, linear contrast, sharpen, crop):
    each augmentation runs with probability ``p``, and at least one runs.
    Originals come first and unchanged. Use it inside an
    :class:`imblearn.pipeline.Pipeline` so balancing happens in ``fit`` only
    and never touches the data that ``predict`` or ``score`` see.

    Parameters
    ----------
    {sampling_strategy}

    augmentations : dict or None, default=None
        Which augmentations run, mapping each name to its strength range:
        ``"noise"`` (noise std as a fraction of the value range),
        ``"flip"`` (no strength: ``None``), ``"contrast"`` (contrast factor),
        ``"sharpen"`` (unsharp-mask amount), ``"crop"`` (fraction cut from
        each side). None uses all five with the strengths of
        ``DEFAULT_AUGMENTATIONS``: noise (0, 0.05), contrast (0.75, 1.5),
        sharpen (0, 1), crop (0, 0.1).

    p : float, default=0.5
        Probability that each augmentation is applied to a new sample.

    image_shape : tuple of (int, int) or None, default=(48, 48)
        ``(height, width)`` of one image; rows of ``X`` are flattened images.
        None treats each row as one line of pixels, ``(1, n_features)``.

    {random_state}

    Attributes
    ----------
    sampling_strategy_ : dict
        Number of new samples to create for each class.

    sample_indices_ : ndarray of shape (n_new_samples,)
        Index in ``X`` of the original behind each output row.

    n_features_in_ : int
        Number of pixels per image seen during :term:`fit_resample`.

    feature_names_in_ : ndarray of shape (`n_features_in_`,)
        Names of features seen during :term:`fit`, when ``X`` has string
        column names.

    See Also
    --------
    imblearn.over_sampling.RandomOverSampler : Plain duplication.

    Notes
    -----
    Integer images stay integer: only chunks of at most 1,024 images are
    converted to float32 at a time. Noise and contrast are relative to the
    range of valid pixel values: 0..255 for integer ``X`` whose values all lie
    there, whatever its dtype (int64 from pandas or ``np.array`` included);
    0..65535 for other uint16 ``X``; otherwise, and for float ``X``, the range
    of values found in ``X``, to which new images are also clipped.

    Examples
    --------
    >>> from collections import Counter
    >>> from skfer.datasets import load_fer2013_sample
    >>> from skfer.over_sampling import AugmentingOversampler
    >>> fer = load_fer2013_sample()
    >>> X_res, y_res = AugmentingOversampler(random_state=0).fit_resample(
    ...     fer.data, fer.target)
    >>> X_res.dtype.name, sorted(Counter(y_res.tolist()).values())
    ('uint8', [503, 503, 503, 503, 503, 503, 503])
    """

    _parameter_constraints = {
        **BaseOverSampler._parameter_constraints,
        "augmentations": [Mapping, None],
        "p": [Interval(numbers.Real, 0, 1, closed="both")],
        "image_shape": ["array-like", None],
    }

    def __init__(
        self,
        *,
        sampling_strategy="auto",
        augmentations=None,
        p=0.5,
        image_shape=IMAGE_SHAPE,
        random_state=None,
    ):
        super().__init__(sampling_strategy=sampling_strategy)
        self.augmentations = augmentations
        self.p = p
        self.image_shape = image_shape
        self.random_state = random_state

    def _check_X_y(self, X, y, accept_sparse=None):
        # Pixels are dense by nature; a sparse image matrix is refused.
        return super()._check_X_y(X, y, accept_sparse=False)

    @_fit_context(prefer_skip_nested_validation=True)
    def fit_resample(self, X, y, **params):
        return super().fit_resample(X, y, **params)

    fit_resample.__doc__ = BaseOverSampler.fit_resample.__doc__

    def _fit_resample(self, X, y):
        images = to_images(X, self.image_shape)
        chain = _augmentation_chain(self.augmentations)
        rng = check_generator(self.random_state)
        value_range = _value_range(X)
        new_index = [
            rng.choice(np.flatnonzero(y == label), size=n, replace=True)
            for label, n in self.sampling_strategy_.items()
        ]
        new_index = np.concatenate([np.arange(len(y)), *new_index]).astype(np.intp)
        X_res = np.empty((len(new_index), X.shape[1]), dtype=X.dtype)
        X_res[: len(y)] = X
        for start in range(len(y), len(new_index), _CHUNK):
            stop = min(start + _CHUNK, len(new_index))
            batch = _augment(
                images[new_index[start:stop]], chain, self.p, value_range, rng
            )
            X_res[start:stop] = batch.reshape(stop - start, -1)
        self.sample_indices_ = new_index
        return X_res, y[new_index]

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.sparse = False
        tags.sampler_tags.sample_indices = True
        return tags


def _augmentation_chain(augmentations):
    chain = DEFAULT_AUGMENTATIONS if augmentations is None else augmentations
    unknown = sorted(set(chain) - set(DEFAULT_AUGMENTATIONS))
    if unknown or not chain:
        raise ValueError(
            f"augmentations must name at least one of "
            f"{sorted(DEFAULT_AUGMENTATIONS)}; got unknown {unknown}."
        )
    return dict(chain)


def _value_range(X):
    # One range for all chunks, decided on the whole of X.
    if X.dtype == bool:
        raise ValueError(
            "X is boolean; AugmentingOversampler needs gray levels (uint8 0..255 "
            "or floats)."
        )
    if np.issubdtype(X.dtype, np.integer):
        try:
            return integer_range(X)
        except ValueError:
            pass  # neither 8- nor 16-bit: as floats, the range found in X
    return float(X.min()), float(X.max())


def _augment(images, chain, p, value_range, rng):
    names = list(chain)
    chosen = rng.random((len(images), len(names))) < p
    # A "new" sample identical to its original would only be a duplicate.
    none = ~chosen.any(axis=1)
    chosen[none, rng.integers(len(names), size=int(none.sum()))] = True
    out = images.copy()
    for j, name in enumerate(names):
        idx = np.flatnonzero(chosen[:, j])
        if len(idx):
            out[idx] = _apply(name, out[idx], chain[name], value_range, rng)
    return out


def _apply(name, images, strength, value_range, rng):
    if name == "flip":
        return augment.flip_horizontal(images)
    if name == "crop":
        return augment.crop(images, strength, random_state=rng)
    func = {
        "noise": augment.add_gaussian_noise,
        "contrast": augment.linear_contrast,
        "sharpen": augment.sharpen,
    }[name]
    return func(images, strength, value_range=value_range, random_state=rng)
