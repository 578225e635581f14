import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from skfer import augment

RANDOM = [
    lambda im, rs: augment.add_gaussian_noise(im, (0.0, 0.2), random_state=rs),
    lambda im, rs: augment.flip_horizontal(im),
    lambda im, rs: augment.linear_contrast(im, (0.5, 2.0), random_state=rs),
    lambda im, rs: augment.sharpen(im, (0.0, 2.0), random_state=rs),
    lambda im, rs: augment.crop(im, (0.0, 0.3), random_state=rs),
]
NAMES = ["noise", "flip", "contrast", "sharpen", "crop"]

shapes = st.tuples(st.integers(1, 6), st.integers(1, 12), st.integers(1, 12))
uint8_images = shapes.flatmap(lambda s: arrays(np.uint8, s))
float_images = shapes.flatmap(
    lambda s: arrays(np.float32, s, elements=st.floats(0, 1, width=32))
)


@pytest.mark.parametrize("func", RANDOM, ids=NAMES)
@settings(max_examples=30, deadline=None)
@given(images=st.one_of(uint8_images, float_images), seed=st.integers(0, 1000))
def test_shape_dtype_and_range_kept(func, images, seed):
    out = func(images, seed)
    assert out.shape == images.shape
    assert out.dtype == images.dtype
    if images.dtype == np.float32:
        assert 0.0 <= out.min() and out.max() <= 1.0


@pytest.mark.parametrize("func", RANDOM, ids=NAMES)
def test_input_not_modified(func):
    images = np.random.default_rng(0).integers(0, 256, (4, 16, 16), dtype=np.uint8)
    before = images.copy()
    func(images, 0)
    np.testing.assert_array_equal(images, before)


def test_sharpen_matches_skimage_unsharp_mask():
    from skimage.filters import unsharp_mask

    image = np.random.default_rng(1).random((1, 12, 12))
    ours = augment.sharpen(image, (0.7, 0.7), radius=1.5)
    theirs = unsharp_mask(image[0], radius=1.5, amount=0.7)
    np.testing.assert_allclose(ours[0], theirs, atol=1e-5)


def test_contrast_factor_one_is_identity():
    images = np.random.default_rng(2).integers(0, 256, (3, 5, 5), dtype=np.uint8)
    np.testing.assert_array_equal(augment.linear_contrast(images, (1, 1)), images)


def test_crop_zero_is_identity_and_crop_zooms():
    images = np.random.default_rng(3).integers(0, 256, (3, 10, 10), dtype=np.uint8)
    np.testing.assert_array_equal(augment.crop(images, (0, 0)), images)
    ramp = np.tile(np.arange(10, dtype=np.float64), (1, 10, 1)) / 9
    zoomed = augment.crop(ramp, (0.2, 0.2))
    # The cut columns are gone: the ramp now spans 2/9..7/9, stretched.
    assert 2 / 9 <= zoomed.min() < zoomed.max() <= 7 / 9


def test_noise_scale_zero_is_identity():
    images = np.full((2, 3, 3), 0.5)
    np.testing.assert_array_equal(augment.add_gaussian_noise(images, (0, 0)), images)


@pytest.mark.parametrize(
    "call",
    [
        lambda im: augment.add_gaussian_noise(im, (0.2, 0.1)),
        lambda im: augment.linear_contrast(im, (-1, 1)),
        lambda im: augment.crop(im, (0.0, 0.5)),
        lambda im: augment.sharpen(im, "strong"),
    ],
)
def test_bad_ranges_raise(call):
    with pytest.raises(ValueError, match="must"):
        call(np.zeros((1, 4, 4)))
