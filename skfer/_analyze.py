"""Photos to named emotions in one call: detect, align, crop, predict."""

import functools
from pathlib import Path

import numpy as np

from .datasets import class_names


def analyze(image, *, model=None, detector="mtcnn", align=True):
    """The expression of every face in a photo.

    Finds the faces (:func:`skfer.faces.extract_faces`), crops each as
    FER2013 frames its faces (48x48 gray, eyes level) and asks the model for
    its probabilities.

    Parameters
    ----------
    image : str, path-like or ndarray
        A photo file (EXIF orientation, CMYK, palettes, 16 bits and alpha
        are read right, see :func:`skfer.utils.read_image`) or its pixels,
        gray ``(h, w)`` or color ``(h, w, 3|4)``.
    model : fitted classifier or pipeline, default=None
        Any fitted classifier with ``predict_proba`` that takes flattened
        48x48 uint8 faces: a shipped model (:func:`skfer.pretrained.load`),
        one saved by ``skfer train``, a skfer pipeline. None: the shipped
        :data:`~skfer.pretrained.DEFAULT_MODEL`, the FER+ model (the eight
        FER+ emotion names), loaded once per process.
    detector : {"mtcnn", "cascade"} or detector object, default="mtcnn"
        See :func:`skfer.faces.detect_faces`.
    align : bool, default=True
        Level the eyes before cropping, where the detector finds them.

    Returns
    -------
    faces : list of dict
        One record per face, largest first (empty when no face is found):

        - ``box``: ``(row, col, height, width)`` in the photo;
        - ``score``: the detector's confidence in [0, 1] (None for the
          cascade, which gives none);
        - ``label``: the most probable expression's name;
        - ``proba``: expression name to probability, in the model's class
          order.

    Raises
    ------
    ValueError
        If the photo cannot be read (the message names it).
    TypeError
        If ``model`` is not a classifier with ``predict_proba``.

    See Also
    --------
    analyze_video : the same for every n-th frame of a video.
    skfer.plotting.plot_faces : the photo with boxes and labels drawn.

    Examples
    --------
    >>> from skimage import data
    >>> import skfer
    >>> (face,) = skfer.analyze(data.astronaut())  # doctest: +SKIP
    >>> face["box"], face["label"]  # doctest: +SKIP
    ((64, 182, 107, 83), 'happy')

    Any fitted skfer model works, with the cascade for a TensorFlow-free run:

    >>> from sklearn.linear_model import LogisticRegression
    >>> from sklearn.pipeline import make_pipeline
    >>> from skfer.datasets import load_fer2013_sample
    >>> from skfer.features import HOGTransformer
    >>> fer = load_fer2013_sample()
    >>> model = make_pipeline(HOGTransformer(), LogisticRegression(max_iter=300))
    >>> model = model.fit(fer.data[:500], fer.target[:500])
    >>> (face,) = skfer.analyze(data.astronaut(), model=model, detector="cascade")
    >>> face["box"], face["score"], sorted(face["proba"])[:3]
    ((64, 172, 103, 103), None, ['angry', 'disgust', 'fear'])
    """
    return analyze_many([image], model=model, detector=detector, align=align)[0]


def analyze_many(images, *, model=None, detector="mtcnn", align=True):
    """:func:`analyze` over several photos, one prediction call for all."""
    from .faces import extract_faces

    model = check_model(model)
    faces = extract_faces(images, detector=detector, align=align)
    names = class_names(model.classes_)
    proba = np.empty((0, len(names)))
    if len(faces.data):
        proba = np.reshape(model.predict_proba(faces.data), (len(faces.data), -1))
    results = [[] for _ in images]
    for p, box, score, source in zip(proba, faces.boxes, faces.scores, faces.source):
        results[source].append(
            {
                "box": tuple(int(v) for v in box),
                "score": None if np.isnan(score) else float(score),
                "label": names[int(np.argmax(p))],
                "proba": {n: float(v) for n, v in zip(names, p)},
            }
        )
    return results


def check_model(model):
    """The shipped model for None; else ``model`` if it predicts probabilities."""
    from sklearn.utils.validation import check_is_fitted

    if model is None:
        return _shipped_model()
    if isinstance(model, (str, Path)):
        raise TypeError(
            f"model must be a fitted classifier, not the path {str(model)!r}: "
            f"load it with skfer.utils.load_model first."
        )
    if not hasattr(model, "predict_proba"):
        raise TypeError(
            f"model must be a fitted classifier with predict_proba (e.g. "
            f"skfer.pretrained.load()); got {type(model).__name__}."
        )
    check_is_fitted(model)
    return model


@functools.cache
def _shipped_model():
    from .pretrained import DEFAULT_MODEL, load

    return load(DEFAULT_MODEL)
