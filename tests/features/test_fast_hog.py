"""hog_batch against skimage.feature.hog: what is bit for bit, what is close.

The descriptors are held to 1e-6 of skimage's (TOLERANCE) everywhere, and
to skimage's exact bits where the module docstring of ``_fast_hog`` says so.
The histogram-level claims are tested in ``test_hog_histograms.py``.
"""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from skimage.feature import hog

from skfer.datasets import load_fer2013_sample
from skfer.features import HOGTransformer, _fast_hog, _hog_pixels
from skfer.features._fast_hog import hog_batch
from skfer.features._hog_workspace import Workspace

NORMS = ["L1", "L1-sqrt", "L2", "L2-Hys"]
TOLERANCE = 1e-6


def skimage_loop(images, **params):
    return np.stack([hog(image, **params) for image in images])


def assert_matches_skimage(images, **params):
    expected = skimage_loop(images, **params)
    got = hog_batch(images, **params)
    assert got.dtype == expected.dtype
    assert got.shape == expected.shape
    np.testing.assert_allclose(got, expected, rtol=0, atol=TOLERANCE)


@st.composite
def hog_params(draw):
    return dict(
        orientations=draw(st.integers(1, 12)),
        # Up to 16 x 16 pixels: the more pixels a cell sums, the more
        # float32 roundings skimage's histograms carry.
        pixels_per_cell=(draw(st.integers(1, 16)), draw(st.integers(1, 16))),
        cells_per_block=(draw(st.integers(1, 4)), draw(st.integers(1, 4))),
        block_norm=draw(st.sampled_from(NORMS)),
        transform_sqrt=draw(st.booleans()),
    )


PATTERNS = ["noise", "constant", "ramps", "float-ramps", "sparse", "heavy-tailed"]


def _pattern(kind, shape, rng):
    n, h, w = shape
    rows, cols = np.mgrid[:h, :w]
    if kind == "noise":
        return rng.uniform(0, 255, shape)
    if kind == "constant":
        return np.full(shape, rng.uniform(0, 255))
    if kind == "ramps":
        # Integer slopes put many gradients exactly on 0, 45, 90, ... degrees,
        # where bin edges and the ``% 180`` wrap-around sit.
        slopes = rng.integers(-3, 4, (n, 2, 1, 1))
        return np.abs(slopes[:, 0] * rows + slopes[:, 1] * cols) % 256
    if kind == "float-ramps":
        # Whole cells of one gradient: skimage's float32 roundings then all
        # go the same way, the worst case for the histograms.
        slopes = rng.uniform(0, 5, (n, 2, 1, 1))
        return slopes[:, 0] * rows + slopes[:, 1] * cols
    if kind == "heavy-tailed":
        # Magnitudes over many orders, large ones landing on small sums.
        return rng.lognormal(2, 3, shape)
    # "sparse": a few bright pixels on black, so most cells have empty bins
    # and most gradients are zero.
    return np.where(rng.random(shape) < 0.05, rng.uniform(0, 255, shape), 0.0)


@st.composite
def images_for(draw, params):
    (c_row, c_col), (b_row, b_col) = (
        params["pixels_per_cell"],
        params["cells_per_block"],
    )
    # Heights and widths from the smallest valid size up, usually not whole
    # multiples of the cell size, so partial cells are dropped as in skimage.
    shape = (
        draw(st.integers(1, 4)),
        c_row * b_row + draw(st.integers(0, 12)),
        c_col * b_col + draw(st.integers(0, 12)),
    )
    kind = draw(st.sampled_from(PATTERNS))
    dtype = draw(st.sampled_from([np.uint8, np.int16, np.float64, np.float32]))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    pixels = _pattern(kind, shape, rng)
    if dtype in (np.uint8, np.int16):
        return np.clip(pixels, 0, 255).astype(dtype)
    # Small and large float images alike (float32 ones stay finite).
    scale = draw(st.sampled_from([1.0, 1 / 255, 1e-6, 1e6, 1e30]))
    return (pixels * scale).astype(dtype)



def hog_args(
    orientations=9,
    pixels_per_cell=(4, 4),
    cells_per_block=(2, 2),
    block_norm="L2-Hys",
    transform_sqrt=False,
):
    """Every HOG parameter, by keyword, as hog_batch takes them."""
    return dict(
        orientations=orientations,
        pixels_per_cell=pixels_per_cell,
        cells_per_block=cells_per_block,
        block_norm=block_norm,
        transform_sqrt=transform_sqrt,
    )

@settings(max_examples=1000, deadline=None)
@given(data=st.data())
def test_matches_skimage(data):
    params = data.draw(hog_params(), label="params")
    images = data.draw(images_for(params), label="images")
    assert_matches_skimage(images, **params)


@pytest.mark.parametrize("dtype", [np.uint8, np.int32, np.float32, np.float64])
@pytest.mark.parametrize("block_norm", NORMS)
def test_constant_images_are_bitwise_skimage(dtype, block_norm):
    # No gradient, empty histograms: the descriptors are exactly skimage's.
    images = np.full((3, 20, 17), 7, dtype=dtype)
    params = hog_args(
        pixels_per_cell=(4, 3), block_norm=block_norm, transform_sqrt=True
    )
    np.testing.assert_array_equal(
        hog_batch(images, **params), skimage_loop(images, **params)
    )


@pytest.mark.parametrize(
    "images",
    [
        np.random.default_rng(0).integers(0, 2, (3, 20, 17)).astype(bool),
        np.random.default_rng(1).integers(-128, 128, (3, 20, 17), dtype=np.int8),
        # int16 with a small range takes the look-up table, a wide one not.
        np.random.default_rng(2).integers(1000, 1200, (3, 20, 17), dtype=np.int16),
        np.random.default_rng(3).integers(-30000, 30000, (3, 20, 17), dtype=np.int16),
        np.random.default_rng(4).integers(0, 65536, (3, 20, 17), dtype=np.uint16),
        np.random.default_rng(5).integers(-(2**62), 2**62, (3, 20, 17)),
        np.random.default_rng(6).random((3, 20, 17)).astype(np.float16),
        # Squares of these gradients overflow; skimage's float32 histograms
        # are infinite then, and its blocks NaN: the same NaN must come out.
        np.random.default_rng(7).uniform(-1e200, 1e200, (3, 20, 17)),
        np.random.default_rng(8).uniform(-1e-200, 1e-200, (3, 20, 17)),
        np.random.default_rng(9).standard_normal((3, 20, 17)),
    ],
    ids=[
        "bool",
        "int8",
        "int16-narrow",
        "int16-wide",
        "uint16",
        "int64",
        "float16",
        "float64-huge",
        "float64-tiny",
        "float64-signed",
    ],
)
@pytest.mark.parametrize("block_norm", NORMS)
# skimage warns about the NaN blocks of the overflowing images.
@pytest.mark.filterwarnings("ignore::RuntimeWarning")
def test_dtypes_match_skimage(images, block_norm):
    params = hog_args(
        orientations=7,
        pixels_per_cell=(4, 3),
        cells_per_block=(2, 3),
        block_norm=block_norm,
    )
    assert_matches_skimage(images, **params)


@pytest.mark.parametrize("value", [np.nan, np.inf])
@pytest.mark.filterwarnings("ignore:invalid value encountered:RuntimeWarning")
def test_non_finite_pixels_fall_back_to_skimage(value):
    images = np.random.default_rng(0).random((3, 16, 16))
    images[1, 5, 7] = value
    params = hog_args()
    np.testing.assert_array_equal(
        hog_batch(images, **params), skimage_loop(images, **params)
    )


@pytest.mark.parametrize("block_norm", NORMS)
@pytest.mark.parametrize("group_chunks", [1, 2])
def test_chunks_do_not_change_the_descriptors(monkeypatch, block_norm, group_chunks):
    # Chunks of 3, 3 and 1 images, their blocks normalised one or two chunks
    # at a time, give what one chunk gives, to the last bit.
    images = np.random.default_rng(0).random((7, 24, 30)) * 255
    params = hog_args(
        orientations=8,
        pixels_per_cell=(6, 5),
        block_norm=block_norm,
        transform_sqrt=True,
    )
    for stack in (images, images.astype(np.uint8)):
        whole = hog_batch(stack, **params)
        monkeypatch.setattr(_fast_hog, "_CHUNK_PIXELS", 3 * 24 * 30)
        monkeypatch.setattr(_fast_hog, "_GROUP_CHUNKS", group_chunks)
        np.testing.assert_array_equal(hog_batch(stack, **params), whole)
        monkeypatch.undo()


@pytest.mark.filterwarnings("ignore:invalid value encountered:RuntimeWarning")
def test_only_the_chunk_with_a_nan_goes_to_skimage(monkeypatch):
    monkeypatch.setattr(_fast_hog, "_CHUNK_PIXELS", 3 * 24 * 30)
    images = np.random.default_rng(0).random((7, 24, 30)) * 255
    images[4, 3, 3] = np.nan
    params = hog_args(orientations=8, pixels_per_cell=(6, 5), transform_sqrt=True)
    got = hog_batch(images, **params)
    expected = skimage_loop(images, **params)
    # Images 3 to 5 are skimage's own descriptors; the others are close.
    np.testing.assert_array_equal(got[3:6], expected[3:6])
    np.testing.assert_allclose(got, expected, rtol=0, atol=TOLERANCE)


def test_unknown_norm_is_left_to_skimage():
    params = hog_args(block_norm="L3")
    with pytest.raises(ValueError, match="normalization method is invalid"):
        hog_batch(np.zeros((2, 16, 16)), **params)


def test_too_small_image_raises_like_skimage():
    params = hog_args(pixels_per_cell=(8, 8), cells_per_block=(3, 3))
    with pytest.raises(ValueError, match="at least: 24 rows and 24 cols"):
        hog(np.zeros((23, 30)), **params)
    with pytest.raises(ValueError, match="at least: 24 rows and 24 cols"):
        hog_batch(np.zeros((2, 23, 30)), **params)


def test_rejects_images_that_are_not_a_stack():
    with pytest.raises(ValueError, match="3-D"):
        hog_batch(
            np.zeros((48, 48)),
            orientations=9,
            pixels_per_cell=(8, 8),
            cells_per_block=(3, 3),
            block_norm="L2-Hys",
            transform_sqrt=False,
        )


def test_empty_stack():
    X = hog_batch(
        np.zeros((0, 48, 48), dtype=np.uint8),
        orientations=9,
        pixels_per_cell=(8, 8),
        cells_per_block=(3, 3),
        block_norm="L2-Hys",
        transform_sqrt=False,
    )
    assert X.shape == (0, 1296)
    assert X.dtype == np.float64


@pytest.mark.parametrize("transform_sqrt", [False, True])
def test_transformer_matches_skimage_on_fer2013_sample(transform_sqrt):
    fer = load_fer2013_sample()
    X = fer.data[:40]
    transformer = HOGTransformer(
        pixels_per_cell=(6, 6), cells_per_block=(2, 2), transform_sqrt=transform_sqrt
    )
    got = transformer.fit_transform(X)
    expected = skimage_loop(
        X.reshape(-1, 48, 48),
        orientations=9,
        pixels_per_cell=(6, 6),
        cells_per_block=(2, 2),
        block_norm="L2-Hys",
        transform_sqrt=transform_sqrt,
    )
    assert got.dtype == expected.dtype
    np.testing.assert_allclose(got, expected, rtol=0, atol=TOLERANCE)


@pytest.mark.parametrize("orientations", [*range(1, 13), 16, 36, 180])
def test_orientation_bins_exact_at_bin_edges(orientations):
    # Gradients whose angles sit on, and one ulp either side of, every bin
    # edge and of 0 and 180 degrees, plus all small integer gradients.
    edges = _hog_pixels.bin_edges(orientations)[:-1]
    angles = np.deg2rad(np.concatenate([edges, edges - 180.0]))
    angles = np.concatenate(
        [angles, np.nextafter(angles, np.inf), np.nextafter(angles, -np.inf)]
    )
    g_row = np.concatenate([np.sin(angles), [0.0, -0.0, 0.0, -0.0, 1e-300, -1e-300]])
    g_col = np.concatenate([np.cos(angles), [1.0, 1.0, -1.0, -1.0, -1.0, -1.0]])
    small = np.arange(-20.0, 21.0)
    g_row = np.concatenate([g_row, np.repeat(small, small.size)])
    g_col = np.concatenate([g_col, np.tile(small, small.size)])

    got = _hog_pixels.orientation_bins(g_row, g_col, orientations, Workspace())
    # skimage's rule: bin i holds edges[i] <= orientation < edges[i + 1].
    orientation = np.rad2deg(np.arctan2(g_row, g_col)) % 180
    expected = np.searchsorted(edges[1:], orientation, side="right")
    np.testing.assert_array_equal(got, expected)


@pytest.mark.parametrize(
    "images",
    [
        # A strided view, Fortran order and big-endian pixels.
        np.random.default_rng(0).integers(0, 256, (4, 40, 50), np.uint8)[::2, ::2],
        np.asfortranarray(np.random.default_rng(1).random((3, 20, 25))),
        np.random.default_rng(2).random((3, 20, 25)).astype(">f4"),
        np.random.default_rng(3).integers(0, 200, (3, 20, 25)).astype(">u2"),
    ],
    ids=["strided", "fortran", "big-endian-float32", "big-endian-uint16"],
)
def test_memory_layouts_match_skimage(images):
    assert_matches_skimage(
        images,
        orientations=9,
        pixels_per_cell=(5, 4),
        cells_per_block=(2, 2),
        block_norm="L1",
        transform_sqrt=False,
    )


@pytest.mark.parametrize(
    "shape, pixels_per_cell, cells_per_block",
    [
        ((2, 1, 5), (1, 2), (1, 1)),
        ((2, 2, 2), (1, 1), (2, 2)),
        ((2, 3, 9), (3, 1), (1, 4)),
    ],
)
@pytest.mark.parametrize("orientations", [1, 300])
def test_tiny_images_and_many_bins_match_skimage(
    shape, pixels_per_cell, cells_per_block, orientations
):
    # Images one or two pixels high or wide, one-pixel cells, and more bins
    # than an int8 holds.
    rng = np.random.default_rng(0)
    for images in (rng.integers(0, 256, shape, np.uint8), rng.random(shape)):
        assert_matches_skimage(
            images,
            orientations=orientations,
            pixels_per_cell=pixels_per_cell,
            cells_per_block=cells_per_block,
            block_norm="L2",
            transform_sqrt=False,
        )


def test_writes_into_out():
    images = np.random.default_rng(0).integers(0, 256, (4, 20, 20), np.uint8)
    params = hog_args(pixels_per_cell=(5, 5))
    expected = hog_batch(images, **params)
    out = np.full_like(expected, np.nan)
    assert hog_batch(images, **params, out=out) is out
    np.testing.assert_array_equal(out, expected)
    for wrong in (out[:3], out.astype(np.float32), np.asfortranarray(out)):
        with pytest.raises(ValueError, match="out must be"):
            hog_batch(images, **params, out=wrong)


def test_transformer_threads_give_the_single_thread_descriptors():
    # Two threads (at least 5,000 images each) fill halves of one output.
    images = np.random.default_rng(0).integers(0, 256, (10_000, 16, 16), np.uint8)
    X = images.reshape(len(images), -1)
    kwargs = dict(image_shape=(16, 16), pixels_per_cell=(4, 4), cells_per_block=(2, 2))
    one = HOGTransformer(**kwargs, n_jobs=1).fit_transform(X)
    two = HOGTransformer(**kwargs, n_jobs=2).fit_transform(X)
    np.testing.assert_array_equal(two, one)


def test_too_many_slots_for_the_table_take_the_computed_path(monkeypatch):
    # The table packs histogram slots in int32 high words; chunks with more
    # slots (millions of one-pixel cells) compute bins and magnitudes.
    def no_table(*args):
        raise AssertionError("the look-up table was used")

    monkeypatch.setattr(_hog_pixels, "_MAX_PACKED_SLOTS", 100)
    monkeypatch.setattr(_fast_hog, "lookup_slots", no_table)
    images = np.random.default_rng(0).integers(0, 256, (3, 20, 20), np.uint8)
    assert_matches_skimage(images, **hog_args(pixels_per_cell=(2, 2)))
