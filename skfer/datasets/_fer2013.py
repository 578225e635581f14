"""``load_fer2013`` and ``load_fer2013_sample``."""

from importlib import resources
from pathlib import Path

import numpy as np
from sklearn.utils import Bunch

from ._labels import EMOTIONS
from ._readers import read_csv, read_image_folder, read_npz

_SAMPLE = "fer2013_sample.npz"


def load_fer2013(path, *, usage=None, verbose=False):
    """Load FER2013 from the csv, an image folder or ``.npz`` files.

    Parameters
    ----------
    path : str or path-like
        One of

        - the official Kaggle ``fer2013.csv`` (columns ``emotion,pixels,Usage``);
        - an image folder ``<path>/<emotion>/*.jpg`` or
          ``<path>/<split>/<emotion>/*.jpg`` (the class comes from the
          folder name, the usage from a file-name prefix such as
          ``PublicTest_12.jpg`` or else from the split folder: ``train`` is
          Training, ``test`` PublicTest, see :ref:`image-folders`; images
          that are not 48x48 gray are converted and resized; hidden files
          and folders are ignored);
        - an ``.npz`` file with arrays ``X`` (N, 48, 48) or (N, 2304) and ``y``
          (N,), or a folder of ``fer2013_*.npz`` files such as the project's
          data folder.

        Pixels must be gray levels 0..255 (any integer dtype, or floats that
        are whole numbers) and labels the codes 0..6; anything else, such as
        floats scaled to [0, 1], is refused rather than converted.
    usage : str or list of str, default=None
        Keep only these splits (``"Training"``, ``"PublicTest"``,
        ``"PrivateTest"``); None keeps all.
    verbose : bool, default=False
        Show a progress bar while reading an image folder, when standard
        error is a terminal.

    Returns
    -------
    data : Bunch
        - ``data``: uint8 ndarray of shape (n_samples, 2304), flattened images;
        - ``images``: the same pixels, shape (n_samples, 48, 48);
        - ``target``: int ndarray of shape (n_samples,), codes 0..6;
        - ``target_names``: the names of codes 0..6 (angry, disgust, fear,
          happy, sad, surprise, neutral);
        - ``usage``: str ndarray of shape (n_samples,), the split of each image.

    Raises
    ------
    FileNotFoundError
        If ``path`` does not exist.
    ValueError
        If the file is malformed or holds values outside these rules (the
        message names the file, and the line of a csv), or ``usage`` names a
        split that the data do not have.

    Examples
    --------
    >>> import numpy as np, tempfile, os
    >>> from skfer.datasets import load_fer2013
    >>> rows = ["emotion,pixels,Usage", "3," + " ".join(["128"] * 2304) + ",Training"]
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     csv = os.path.join(tmp, "fer2013.csv")
    ...     with open(csv, "w") as f:
    ...         _ = f.write("\\n".join(rows))
    ...     fer = load_fer2013(csv)
    >>> fer.data.shape, str(fer.target_names[fer.target[0]]), str(fer.usage[0])
    ((1, 2304), 'happy', 'Training')
    """
    images, target, usages = _read_any(Path(path), verbose)
    if usages is None:
        usages = np.full(len(target), "Unknown")
    if usage is not None:
        keep = _usage_mask(usages, usage, path)
        images, target, usages = images[keep], target[keep], usages[keep]
    return _bunch(images, target, usages, f"FER2013 read from {path}.")


def _read_any(path, verbose):
    if not path.exists():
        raise FileNotFoundError(f"No FER2013 data at {path}: the path does not exist.")
    if path.is_file():
        if path.suffix.lower() == ".csv":
            return read_csv(path)
        if path.suffix.lower() == ".npz":
            return read_npz(path)
        raise ValueError(f"{path}: expected a .csv or .npz file or a folder.")
    npz_files = sorted(path.glob("fer2013*.npz"))
    if npz_files:
        parts = [read_npz(f) for f in npz_files]
        return tuple(np.concatenate(arrays) for arrays in zip(*parts))
    return read_image_folder(path, verbose=verbose)


def _usage_mask(usages, usage, path):
    wanted = [usage] if isinstance(usage, str) else list(usage)
    missing = sorted(set(wanted) - set(usages.tolist()))
    if missing:
        raise ValueError(
            f"usage {missing} not found in {path}; it has "
            f"{sorted(set(usages.tolist()))}."
        )
    return np.isin(usages, wanted)


def _bunch(images, target, usage, descr):
    images = np.ascontiguousarray(images, dtype=np.uint8)
    return Bunch(
        data=images.reshape(len(images), -1),
        images=images,
        target=np.asarray(target, dtype=np.int64),
        target_names=np.array(EMOTIONS),
        usage=np.asarray(usage),
        DESCR=descr,
    )


def load_fer2013_sample():
    """Load the small FER2013 sample shipped with skfer.

    2,000 images drawn from the FER2013 Training split, stratified by class
    (seed 0), stored losslessly. Meant for examples, doctests and tests; train
    and report real results on the full data with :func:`load_fer2013`.

    Returns
    -------
    data : Bunch
        Same keys as :func:`load_fer2013`; ``usage`` is ``"Training"``.

    Examples
    --------
    >>> from skfer.datasets import load_fer2013_sample
    >>> fer = load_fer2013_sample()
    >>> fer.data.shape, fer.data.dtype.name
    ((2000, 2304), 'uint8')
    """
    ref = resources.files("skfer.datasets").joinpath("data", _SAMPLE)
    with resources.as_file(ref) as path:
        images, target, usage = read_npz(path)
    descr = (
        "A stratified sample of 2,000 images of the FER2013 Training split "
        "(see skfer/datasets/data/README.md)."
    )
    return _bunch(images, target, usage, descr)
