"""HOG descriptors of flattened images, as a scikit-learn transformer."""

import numbers

import numpy as np
from joblib import Parallel, delayed, effective_n_jobs
from sklearn.base import (
    BaseEstimator,
    ClassNamePrefixFeaturesOutMixin,
    TransformerMixin,
    _fit_context,
)
from sklearn.utils import gen_even_slices
from sklearn.utils._param_validation import Interval, StrOptions
from sklearn.utils.validation import check_is_fitted, validate_data

from ..utils import IMAGE_SHAPE, to_images
from ..utils._progress import progress_bar
from ._fast_hog import descriptor_dtype, hog_batch

# Images per step of the progress bar: a fraction of a second of work.
_PROGRESS_STEP = 2000


class HOGTransformer(ClassNamePrefixFeaturesOutMixin, TransformerMixin, BaseEstimator):
    """Histogram of oriented gradients of each image, as ``skimage.feature.hog``.

    Each row of ``X`` is one flattened gray image of shape ``image_shape``;
    each output row is that image's HOG descriptor as
    :func:`skimage.feature.hog` computes it with the same parameters, to
    within 1e-6 (its float32 histograms may differ from skimage's in the
    last bits; 5e-8 on FER2013). The
    whole batch is computed at once with vectorised numpy, many times faster
    than a per-image loop (the results page gives ``benchmarks/bench_hog.py``'s
    figures).
    The transformer is stateless: ``fit`` only validates.

    Parameters
    ----------
    orientations : int, default=9
        Number of orientation bins.
    pixels_per_cell : tuple of (int, int), default=(8, 8)
        Size of a cell in pixels.
    cells_per_block : tuple of (int, int), default=(3, 3)
        Number of cells in each block.
    block_norm : {"L1", "L1-sqrt", "L2", "L2-Hys"}, default="L2-Hys"
        Block normalisation method.
    transform_sqrt : bool, default=False
        Apply power law compression (square root) before processing.
    image_shape : tuple of (int, int) or None, default=(48, 48)
        ``(height, width)`` of one image. None treats each row as one line
        of pixels, ``(1, n_features)``.
    n_jobs : int, default=None
        Number of threads computing chunks of at least 5,000 images in
        parallel. ``None`` means 1 unless in a :obj:`joblib.parallel_config`
        context; ``-1`` means all processors. Always threads of this
        process, whatever the joblib backend: to spread HOG over a cluster,
        see :ref:`hog-on-dask`.
    verbose : int, default=0
        Show a progress bar (tqdm) while transforming, when standard
        error is a terminal.

    Attributes
    ----------
    n_features_in_ : int
        Number of pixels per image seen during :term:`fit`.
    feature_names_in_ : ndarray of shape (`n_features_in_`,)
        Names of features seen during :term:`fit`, when ``X`` has string
        column names.

    See Also
    --------
    skimage.feature.hog : The descriptor of one image.

    Examples
    --------
    >>> from sklearn.pipeline import make_pipeline
    >>> from sklearn.linear_model import LogisticRegression
    >>> from skfer.datasets import load_fer2013_sample
    >>> from skfer.features import HOGTransformer
    >>> fer = load_fer2013_sample()
    >>> HOGTransformer().fit_transform(fer.data[:5]).shape
    (5, 1296)
    >>> model = make_pipeline(HOGTransformer(), LogisticRegression(max_iter=500))
    >>> X, y = fer.data[:400], fer.target[:400]
    >>> model.fit(X, y).score(X, y) > 0.5
    True
    """

    _parameter_constraints = {
        "orientations": [Interval(numbers.Integral, 1, None, closed="left")],
        "pixels_per_cell": ["array-like"],
        "cells_per_block": ["array-like"],
        "block_norm": [StrOptions({"L1", "L1-sqrt", "L2", "L2-Hys"})],
        "transform_sqrt": ["boolean"],
        "image_shape": ["array-like", None],
        "n_jobs": [numbers.Integral, None],
        "verbose": ["verbose"],
    }

    def __init__(
        self,
        *,
        orientations=9,
        pixels_per_cell=(8, 8),
        cells_per_block=(3, 3),
        block_norm="L2-Hys",
        transform_sqrt=False,
        image_shape=IMAGE_SHAPE,
        n_jobs=None,
        verbose=0,
    ):
        self.orientations = orientations
        self.pixels_per_cell = pixels_per_cell
        self.cells_per_block = cells_per_block
        self.block_norm = block_norm
        self.transform_sqrt = transform_sqrt
        self.image_shape = image_shape
        self.n_jobs = n_jobs
        self.verbose = verbose

    @_fit_context(prefer_skip_nested_validation=True)
    def fit(self, X, y=None):
        """Check the images and the parameters; HOG learns nothing.

        Parameters
        ----------
        X : array-like of shape (n_samples, height * width)
            Flattened gray images (uint8 or float); ``(n_samples, height,
            width)`` is accepted too.
        y : None
            Ignored.

        Returns
        -------
        self : object
            This transformer.
        """
        X = validate_data(self, _flatten(X), reset=True)
        self._n_features_out = self._output_size(to_images(X, self.image_shape))
        return self

    def transform(self, X):
        """Compute the HOG descriptor of each image.

        Parameters
        ----------
        X : array-like of shape (n_samples, height * width)
            Flattened gray images, or ``(n_samples, height, width)``.

        Returns
        -------
        X_hog : ndarray of shape (n_samples, n_hog_features)
            One descriptor per row, ``skimage.feature.hog``'s to within 1e-6.
        """
        check_is_fitted(self)
        X = validate_data(self, _flatten(X), reset=False)
        images = to_images(X, self.image_shape)
        params = self._hog_params()
        # Below ~5,000 images per thread, starting threads costs more than it saves.
        n_jobs = min(effective_n_jobs(self.n_jobs), max(len(images) // 5000, 1))
        if n_jobs == 1 and not self.verbose:
            return _hog_batch(images, params)
        out = np.empty(
            (len(images), self._n_features_out), dtype=descriptor_dtype(images.dtype)
        )
        n_slices = n_jobs
        if self.verbose:
            n_slices = max(n_jobs, -(-len(images) // _PROGRESS_STEP))
        slices = list(gen_even_slices(len(images), n_slices))
        # Threads, even under a process or cluster backend (require="sharedmem"):
        # each task fills its rows of one output in place, and numpy releases
        # the GIL in the heavy steps (processes would copy every descriptor
        # back, 1.4x slower than one core here).
        tasks = Parallel(n_jobs=n_jobs, require="sharedmem", return_as="generator")(
            delayed(_hog_batch)(images[s], params, out[s]) for s in slices
        )
        with progress_bar(
            total=len(images), verbose=self.verbose, desc="HOG", unit="img"
        ) as bar:
            for s, _ in zip(slices, tasks):
                bar.update(s.stop - s.start)
        return out

    def _hog_params(self):
        return dict(
            orientations=self.orientations,
            pixels_per_cell=_pair(self.pixels_per_cell, "pixels_per_cell"),
            cells_per_block=_pair(self.cells_per_block, "cells_per_block"),
            block_norm=self.block_norm,
            transform_sqrt=self.transform_sqrt,
        )

    def _output_size(self, images):
        params = self._hog_params()
        h, w = images.shape[1:]
        cells = np.array([h, w]) // np.array(params["pixels_per_cell"])
        blocks = cells - np.array(params["cells_per_block"]) + 1
        if np.any(blocks < 1):
            raise ValueError(
                f"image_shape={(h, w)} is too small for one block of "
                f"cells_per_block={params['cells_per_block']} cells of "
                f"pixels_per_cell={params['pixels_per_cell']} pixels."
            )
        n_cells = int(np.prod(params["cells_per_block"]))
        return int(np.prod(blocks)) * n_cells * params["orientations"]

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.requires_fit = False
        return tags


def _hog_batch(images, params, out=None):
    # One vectorised pass per chunk of images instead of one skimage call per
    # image; the descriptors are skimage's within 1e-6 (see ``_fast_hog``).
    return hog_batch(images, **params, out=out)


def _pair(value, name):
    pair = tuple(int(v) for v in np.ravel(value))
    if len(pair) != 2 or min(pair) < 1:
        raise ValueError(f"{name} must be two positive integers, got {value!r}.")
    return pair


def _flatten(X):
    # (n, h, w) arrays are accepted as they are; scikit-learn wants 2-D.
    if getattr(X, "ndim", 2) == 3:
        return np.asarray(X).reshape(len(X), -1)
    return X
