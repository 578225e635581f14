"""Random bytes and random arrays for the readers and ``load_model``.

Whatever they are given, the readers either return data that follow the
convention (uint8 gray levels equal to the input, labels 0..6) or raise a
ValueError naming the file; ``load_model`` raises a ValueError.
"""

import tempfile
import warnings
from pathlib import Path

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from skfer.datasets import load_fer2013
from skfer.models import load_model
from skfer.over_sampling import AugmentingOversampler
from skfer.utils import read_gray

FUZZ = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
# Prefixes that steer random bytes into each decoder's path.
PREFIXES = [
    b"",
    b"\x80\x04\x95",  # pickle protocol 4
    b"\x78\x9c",  # zlib, as joblib compresses
    b"PK\x03\x04",  # zip: .npz, .skops
    b"\x93NUMPY\x01\x00",
    b"emotion,pixels,Usage\n",
]
DTYPES = [np.uint8, np.int8, np.int64, np.uint16, np.float32, np.float64, np.bool_]


_TMP = tempfile.TemporaryDirectory()  # removed when the tests end


def _write(name, data):
    folder = Path(tempfile.mkdtemp(dir=_TMP.name))
    path = folder / name
    path.write_bytes(data)
    return path


def _refused_or_valid(path):
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            fer = load_fer2013(path)
    except ValueError as exc:
        assert str(path) in str(exc)
        return None
    assert fer.data.dtype == np.uint8 and fer.data.shape[1] == 2304
    assert set(fer.target.tolist()) <= set(range(7))
    return fer


@FUZZ
@given(prefix=st.sampled_from(PREFIXES), data=st.binary(max_size=400))
def test_random_bytes_to_readers(prefix, data):
    for name in ("fer2013_x.npz", "fer2013.csv"):
        assert _refused_or_valid(_write(name, prefix + data)) is None


@FUZZ
@given(
    prefix=st.sampled_from(PREFIXES),
    data=st.binary(max_size=400),
    name=st.sampled_from(["model.joblib", "model.skops"]),
)
def test_random_bytes_to_load_model(prefix, data, name):
    path = _write(name, prefix + data)
    try:
        load_model(path)
    except ValueError as exc:
        assert repr(str(path)) in str(exc)
    else:
        raise AssertionError("random bytes loaded as a model")


def _images(dtype):
    shapes = st.sampled_from([(1, 48, 48), (2, 2304), (2, 48, 47), (0, 48, 48), (3,)])
    return shapes.flatmap(lambda shape: hnp.arrays(dtype, shape))


@FUZZ
@given(
    X=st.sampled_from(DTYPES).flatmap(_images),
    y=hnp.arrays(st.sampled_from([np.int64, np.float64, np.int8]), st.integers(0, 3)),
)
def test_random_arrays_in_an_npz(X, y):
    path = _write("fer2013_x.npz", b"")
    np.savez(path, X=X, y=y)
    fer = _refused_or_valid(path)
    if fer is not None:
        # Accepted only when nothing had to be guessed: the same numbers.
        np.testing.assert_array_equal(fer.data, X.reshape(len(X), -1))
        np.testing.assert_array_equal(fer.target, y)


@FUZZ
@given(
    image=st.sampled_from(DTYPES).flatmap(
        lambda dtype: hnp.arrays(
            dtype, hnp.array_shapes(min_dims=1, max_dims=4, max_side=6)
        )
    )
)
def test_random_arrays_to_read_gray(image):
    try:
        with warnings.catch_warnings():
            # Huge floats overflow in scikit-image's alpha blending; refused after.
            warnings.simplefilter("ignore", RuntimeWarning)
            gray = read_gray(image)
    except ValueError:
        return
    assert gray.ndim == 2 and np.isfinite(gray).all()
    assert 0 <= gray.min() and gray.max() <= 1


@FUZZ
@given(
    dtype=st.sampled_from([np.uint8, np.int16, np.int64, np.uint16, np.uint32]),
    seed=st.integers(0, 2**16),
    high=st.integers(1, 256),
)
def test_random_gray_levels_stay_gray_levels(dtype, seed, high):
    rng = np.random.default_rng(seed)
    X = rng.integers(0, high, size=(12, 16)).astype(dtype)
    y = np.repeat([0, 1], [9, 3])
    X_res, _ = AugmentingOversampler(image_shape=(4, 4), random_state=0).fit_resample(
        X, y
    )
    assert X_res.dtype == dtype and 0 <= X_res.min() and X_res.max() <= 255
    np.testing.assert_array_equal(X_res[:12], X)
