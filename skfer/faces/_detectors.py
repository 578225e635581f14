"""Face detectors: MTCNN (a CNN, the default) and scikit-image's LBP cascade.

Both answer ``detect(image)`` with the same :class:`~sklearn.utils.Bunch`:
boxes ``(row, col, height, width)`` largest first, a score per face, and
five landmarks per face where the detector finds them.
"""

import functools
import numbers

import numpy as np
from sklearn.base import BaseEstimator
from sklearn.utils import Bunch
from sklearn.utils._param_validation import Interval

from ..utils import read_image

#: Order of the five landmark rows: (row, col) of the eye, then the mouth
#: corner, on the photo's left before the one on its right.
LANDMARKS = ("eye_left", "eye_right", "nose", "mouth_left", "mouth_right")


class MTCNNDetector(BaseEstimator):
    """Faces and five landmarks with MTCNN, a cascade of three small CNNs.

    Runs the ``mtcnn`` package (its weights ship inside its wheel) on
    TensorFlow, which is imported on the first detection only. Zhang et
    al., "Joint Face Detection and Alignment using Multi-task Cascaded
    Convolutional Networks", IEEE Signal Processing Letters 23(10), 2016.

    Parameters
    ----------
    min_face_size : int, default=20
        Smallest face side searched, in pixels (MTCNN's windows are loose:
        faces a little smaller are found too). Larger is faster: from 20 up
        the photo is searched shrunk so that these faces are 20 pixels.
    scale_factor : float, default=0.709
        Ratio between the sizes of the image pyramid's levels.
    thresholds : tuple of 3 floats, default=(0.6, 0.7, 0.8)
        Confidence each stage (proposal, refinement, output network) needs to
        keep a face; the last one is the smallest ``score`` returned.

    Examples
    --------
    >>> from skimage import data
    >>> from skfer.faces import MTCNNDetector
    >>> faces = MTCNNDetector().detect(data.astronaut())
    >>> faces.boxes.tolist(), faces.scores.round(2).tolist()
    ([[64, 182, 107, 83]], [1.0])
    >>> MTCNNDetector().detect(data.chelsea()).boxes.shape  # a cat
    (0, 4)
    """

    _parameter_constraints = {
        "min_face_size": [Interval(numbers.Integral, 12, None, closed="left")],
        "scale_factor": [Interval(numbers.Real, 0.1, 1, closed="neither")],
        "thresholds": ["array-like"],
    }

    def __init__(
        self, *, min_face_size=20, scale_factor=0.709, thresholds=(0.6, 0.7, 0.8)
    ):
        self.min_face_size = min_face_size
        self.scale_factor = scale_factor
        self.thresholds = thresholds

    def detect(self, image):
        """Find the faces of one photo.

        Parameters
        ----------
        image : str, path-like or ndarray
            A photo (see :func:`skfer.utils.read_image`).

        Returns
        -------
        faces : Bunch
            ``boxes`` int (n_faces, 4) ``(row, col, height, width)``, largest
            first; ``scores`` float (n_faces,) in [0, 1]; ``landmarks`` float
            (n_faces, 5, 2) ``(row, col)`` in the order of ``LANDMARKS``.
        """
        return self.detect_many([image])[0]

    def detect_many(self, images):
        """:meth:`detect` over photos of one size at once (video frames)."""
        kwargs = self._stage_kwargs()
        rgb = [_as_rgb(read_image(im)) for im in images]
        found = [np.empty((0, 16))] * len(rgb)
        # MTCNN pads a batch to its largest photo; one size per call keeps
        # that padding (and its false faces on the border) away.
        for shape in {im.shape for im in rgb}:
            index = [i for i, im in enumerate(rgb) if im.shape == shape]
            if min(shape[:2]) < self.min_face_size:
                continue
            rows = _detect_same_size(np.stack([rgb[i] for i in index]), kwargs)
            for k, i in enumerate(index):
                found[i] = rows[rows[:, 0] == k]
        return [_mtcnn_faces(rows) for rows in found]

    def _stage_kwargs(self):
        self._validate_params()
        thresholds = np.asarray(self.thresholds, dtype=float)
        if (
            thresholds.shape != (3,)
            or not ((thresholds >= 0) & (thresholds <= 1)).all()
        ):
            raise ValueError(
                f"thresholds must be 3 confidences in [0, 1] (proposal, "
                f"refinement, output network), got {self.thresholds!r}."
            )
        pnet, rnet, onet = thresholds.tolist()
        return dict(
            min_face_size=self.min_face_size,
            scale_factor=self.scale_factor,
            threshold_pnet=pnet,
            threshold_rnet=rnet,
            threshold_onet=onet,
        )


class CascadeDetector(BaseEstimator):
    """Frontal faces with scikit-image's bundled LBP cascade (no TensorFlow).

    Light and quick to load, but it misses more faces than MTCNN and finds
    faces in things that are not (the results page measures both). It gives
    no confidence: its scores are NaN, and it finds no landmarks.

    Parameters
    ----------
    min_size : int, default=None
        Smallest face side searched, in pixels; None: a tenth of the image's
        shorter side, at least 24.
    scale_factor : float, default=1.2
        Step between the window sizes searched.
    step_ratio : float, default=1.0
        Window stride as a fraction of the window size at each scale.
    min_neighbors : int, default=4
        Overlapping detections needed to keep a face; more gives fewer false
        faces and fewer faces.
    n_jobs : int, default=None
        Threads for :meth:`detect_many` (scikit-image's cascade runs without
        Python's lock, so photos are searched side by side); None means 1
        unless in a :func:`joblib.parallel_config` context, -1 every core.

    Examples
    --------
    >>> from skimage import data
    >>> from skfer.faces import CascadeDetector
    >>> CascadeDetector().detect(data.astronaut()).boxes.tolist()
    [[64, 172, 103, 103]]
    """

    _parameter_constraints = {
        "min_size": [Interval(numbers.Integral, 1, None, closed="left"), None],
        "scale_factor": [Interval(numbers.Real, 1, None, closed="neither")],
        "step_ratio": [Interval(numbers.Real, 0, None, closed="neither")],
        "min_neighbors": [Interval(numbers.Integral, 0, None, closed="left")],
        "n_jobs": [numbers.Integral, None],
    }

    def __init__(
        self,
        *,
        min_size=None,
        scale_factor=1.2,
        step_ratio=1.0,
        min_neighbors=4,
        n_jobs=None,
    ):
        self.min_size = min_size
        self.scale_factor = scale_factor
        self.step_ratio = step_ratio
        self.min_neighbors = min_neighbors
        self.n_jobs = n_jobs

    def detect(self, image):
        """Find the faces of one photo; see :meth:`MTCNNDetector.detect`."""
        self._validate_params()
        return self._search(image)

    def detect_many(self, images):
        """:meth:`detect` over several photos, in ``n_jobs`` threads."""
        from joblib import Parallel, delayed

        self._validate_params()
        threads = Parallel(n_jobs=self.n_jobs, require="sharedmem")
        return threads(delayed(self._search)(im) for im in images)

    def _search(self, image):
        from skimage.color import rgb2gray

        pixels = read_image(image)
        gray = rgb2gray(pixels) if pixels.ndim == 3 else pixels / 255.0
        side = min(gray.shape)
        min_side = max(24, side // 10) if self.min_size is None else self.min_size
        found = []
        if min_side <= side:
            found = _cascade().detect_multi_scale(
                img=gray,
                scale_factor=self.scale_factor,
                step_ratio=self.step_ratio,
                min_size=(min_side, min_side),
                max_size=(side, side),
                min_neighbor_number=self.min_neighbors,
            )
        boxes = np.array(
            [(f["r"], f["c"], f["height"], f["width"]) for f in found], dtype=int
        ).reshape(-1, 4)
        return _faces(boxes, np.full(len(boxes), np.nan), None)


_DETECTORS = {"mtcnn": MTCNNDetector, "cascade": CascadeDetector}


def check_detector(detector):
    """A detector object from a name ("mtcnn", "cascade") or a detector.

    Examples
    --------
    >>> from skfer.faces import check_detector
    >>> check_detector("cascade")
    CascadeDetector()
    """
    if isinstance(detector, str):
        if detector not in _DETECTORS:
            raise ValueError(
                f"Unknown detector {detector!r}; choose one of "
                f"{sorted(_DETECTORS)} or pass a detector object."
            )
        return _DETECTORS[detector]()
    if not callable(getattr(detector, "detect", None)):
        raise TypeError(
            f"detector must be 'mtcnn', 'cascade' or an object with a detect "
            f"method, got {type(detector).__name__}."
        )
    return detector


@functools.cache
def _mtcnn():
    # Builds three networks and reads their weights: once per process.
    try:
        from mtcnn import MTCNN
    except ImportError as exc:  # pragma: no cover - a dependency
        raise ImportError(
            "The MTCNN detector needs the mtcnn package: pip install mtcnn, "
            "or use detector='cascade'."
        ) from exc
    return MTCNN()


@functools.cache
def _cascade():
    # Loading the cascade parses an XML file: once per process.
    from skimage import data
    from skimage.feature import Cascade

    return Cascade(data.lbp_frontal_face_cascade_filename())


#: The largest ``min_face_size`` the mtcnn package (1.0.0) handles: its
#: pyramid keeps levels under its 12-pixel window when asked for larger
#: faces, and then finds no face at all (the astronaut is lost from 30 up).
_MTCNN_SAFE_MIN_FACE = 20


def _detect_same_size(frames, kwargs):
    """mtcnn's rows for a stack of same-size RGB frames, in their pixels.

    Larger smallest faces are searched on frames shrunk so that they
    become ``_MTCNN_SAFE_MIN_FACE`` pixels: the same pyramid levels, without
    mtcnn's bug, and fewer pixels to search.
    """
    from skimage.transform import resize

    scale = min(1.0, _MTCNN_SAFE_MIN_FACE / kwargs["min_face_size"])
    if scale < 1:
        n, height, width, _ = frames.shape
        size = (n, round(height * scale), round(width * scale), 3)
        frames = resize(frames, size, anti_aliasing=True, preserve_range=True)
        kwargs = {**kwargs, "min_face_size": _MTCNN_SAFE_MIN_FACE}
    rows = _mtcnn().detect_faces(
        list(frames), box_format="xyxy", output_type="numpy", **kwargs
    )
    rows = np.asarray(rows, dtype=float).reshape(-1, 16)
    # Boxes (columns 1-4) and landmarks (6-15) back to the frame's pixels.
    rows[:, 1:5] /= scale
    rows[:, 6:16] /= scale
    return rows


def _as_rgb(pixels):
    return np.repeat(pixels[..., None], 3, axis=2) if pixels.ndim == 2 else pixels


def _mtcnn_faces(rows):
    x1, y1, x2, y2 = rows[:, 1], rows[:, 2], rows[:, 3], rows[:, 4]
    boxes = np.round(np.stack([y1, x1, y2 - y1, x2 - x1], axis=1)).astype(int)
    # mtcnn gives the five x, then the five y; skfer speaks (row, col).
    x, y = rows[:, 6:11], rows[:, 11:16]
    landmarks = np.stack([y, x], axis=2)
    return _faces(boxes, np.clip(rows[:, 5], 0, 1), landmarks)


def _faces(boxes, scores, landmarks):
    order = sorted(
        range(len(boxes)), key=lambda i: (-boxes[i, 2] * boxes[i, 3], *boxes[i, :2])
    )
    return Bunch(
        boxes=boxes[order].reshape(-1, 4),
        scores=np.asarray(scores, dtype=float)[order],
        landmarks=None if landmarks is None else landmarks[order],
    )
