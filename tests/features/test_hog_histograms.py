"""Cell histograms against skimage's own float32 accumulation.

``_hog_histograms`` claims two things, tested here: the rounding-to-odd
lemma its float32 sums rest on, and the resulting closeness of every cell
histogram to the one skimage's Cython loop computes.
"""

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

from skfer.features._fast_hog import _chunk_histograms
from skfer.features._hog_histograms import round_to_odd
from skfer.features._hog_workspace import Workspace

# skimage's private pieces give its histograms before normalisation.
_hoghistogram = pytest.importorskip("skimage.feature._hoghistogram")
_hog = pytest.importorskip("skimage.feature._hog")

# The histogram bound the tests hold the fast path to (see _hog_histograms).
HISTOGRAM_TOLERANCE = 2.0**-21

finite_magnitudes = st.floats(
    min_value=0, max_value=1e38, allow_nan=False, allow_infinity=False
)


def to_odd(value):
    return round_to_odd(np.array([value]), np.empty(1, np.float32))[0]


@example(1.195629340855491e-45)  # rounds up to the smallest subnormal
@example(5e-46)  # rounds down to zero
@given(finite_magnitudes)
def test_round_to_odd_is_toward_zero_then_odd(m):
    r = to_odd(m)
    # The float32 neighbours of m (compared in double: numpy would compare a
    # float32 with a Python float in float32).
    down = up = np.float32(m)
    if float(down) > m:
        down = np.nextafter(down, np.float32(0))
    elif float(up) < m:
        up = np.nextafter(up, np.float32(np.inf))
    if float(down) == m:
        assert r == down
    elif down == 0:
        # Below the smallest float32 (a subnormal): the nearest rounding, 0
        # or that smallest value, which is also the odd neighbour.
        assert r == np.float32(m)
    else:
        # Between the two float32 neighbours of m, the one with an odd bit
        # pattern (exactly one of them has).
        assert r in (down, up)
        assert r.view(np.int32) % 2 == 1


def test_round_to_odd_keeps_zero_and_infinity():
    values = np.array([0.0, 1e-50, np.inf, 1e300])
    got = round_to_odd(values, np.empty(4, np.float32))
    np.testing.assert_array_equal(got, [0, 0, np.inf, np.inf])


def nearest_float32(x):
    """The float32 nearest the exact rational ``x``, ties to even."""
    guess = np.float32(float(x))
    candidates = [
        np.nextafter(guess, np.float32(-np.inf)),
        guess,
        np.nextafter(guess, np.float32(np.inf)),
    ]
    return min(
        candidates,
        key=lambda c: (abs(Fraction(float(c)) - x), int(c.view(np.int32)) % 2),
    )


@settings(max_examples=1000)
@given(
    # Above float32's subnormals, whose fixed spacing the lemma needs not.
    st.floats(min_value=2.0**-124, max_value=2.0**100, width=32),
    st.floats(min_value=0, max_value=0.25),
    st.integers(0, 2**29 - 1),
)
def test_odd_operand_rounds_sums_like_the_exact_one(t, ratio, bits):
    # The lemma: once the running sum t is at least four times m, adding
    # round_to_odd(m) to it in float32 rounds like adding m exactly.
    t = np.float32(t)
    # Any m up to t / 4, with arbitrary bits below float32's precision.
    m = np.float64(float(t) * ratio).view(np.int64) ^ np.int64(bits)
    m = float(m.view(np.float64))
    assume(float(t) >= 4 * m)
    assert t + to_odd(m) == nearest_float32(Fraction(float(t)) + Fraction(m))


def skimage_histograms(image, orientations, pixels_per_cell, transform_sqrt):
    """skimage's cell histograms of one image, float32 values in float64."""
    float_dtype = np.float32 if image.dtype.char in "ef" else np.float64
    image = image.astype(float_dtype)
    if transform_sqrt:
        image = np.sqrt(image)
    g_row, g_col = _hog._hog_channel_gradient(image)
    (s_row, s_col), (c_row, c_col) = image.shape, pixels_per_cell
    histograms = np.zeros((s_row // c_row, s_col // c_col, orientations))
    _hoghistogram.hog_histograms(
        g_col.astype(float),
        g_row.astype(float),
        c_col,
        c_row,
        s_col,
        s_row,
        s_col // c_col,
        s_row // c_row,
        orientations,
        histograms,
    )
    return histograms


def fast_histograms(images, orientations, pixels_per_cell, transform_sqrt):
    params = dict(
        orientations=orientations,
        pixels_per_cell=pixels_per_cell,
        cells_per_block=(1, 1),
        block_norm="L1",
        transform_sqrt=transform_sqrt,
    )
    return _chunk_histograms(images, params, Workspace())


def _images(kind, shape, rng):
    n, h, w = shape
    rows, cols = np.mgrid[:h, :w]
    if kind == "uint8":
        return rng.integers(0, 256, shape, dtype=np.uint8)
    if kind == "uint8-ramps":
        # Cells of one constant gradient: skimage's roundings all go the same
        # way there, the worst case for a sum in another order.
        slopes = rng.integers(-12, 13, (n, 2, 1, 1))
        return (np.abs(slopes[:, 0] * rows + slopes[:, 1] * cols + 128) % 256).astype(
            np.uint8
        )
    if kind == "float-ramps":
        slopes = rng.uniform(-3, 3, (n, 2, 1, 1)) * rng.choice([1e-3, 1.0, 1e6])
        return slopes[:, 0] * rows + slopes[:, 1] * cols
    if kind == "heavy-tailed":
        # Magnitudes over many orders: large ones added to small sums.
        return rng.lognormal(0, 4, shape)
    return rng.random(shape, dtype=np.float32)


@settings(max_examples=300, deadline=None)
@given(
    kind=st.sampled_from(
        ["uint8", "uint8-ramps", "float-ramps", "heavy-tailed", "float32"]
    ),
    cell=st.tuples(st.integers(1, 32), st.integers(1, 32)),
    extra=st.tuples(st.integers(0, 40), st.integers(0, 40)),
    orientations=st.integers(1, 12),
    transform_sqrt=st.booleans(),
    seed=st.integers(0, 2**32 - 1),
)
def test_histograms_track_skimage(
    kind, cell, extra, orientations, transform_sqrt, seed
):
    rng = np.random.default_rng(seed)
    shape = (3, cell[0] + extra[0], cell[1] + extra[1])
    images = _images(kind, shape, rng)
    if kind == "float-ramps":
        transform_sqrt = False  # negative pixels
    got = fast_histograms(images, orientations, cell, transform_sqrt)
    expected = np.stack(
        [skimage_histograms(im, orientations, cell, transform_sqrt) for im in images]
    )
    assert got.dtype == np.float32
    # Zero exactly where skimage's are zero, within the bound elsewhere.
    np.testing.assert_array_equal(got == 0, expected == 0)
    scale = np.where(expected == 0, 1, expected)
    assert np.max(np.abs(got - expected) / scale) <= HISTOGRAM_TOLERANCE
