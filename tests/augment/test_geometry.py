"""Random affine warps, random erasing, ten crops and the training policy."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from skfer.augment import TrainingAugmentation, random_affine, random_erasing, ten_crop


def faces(n=4, seed=0, dtype=np.uint8):
    return np.random.default_rng(seed).integers(0, 256, (n, 12, 10)).astype(dtype)


def test_the_identity_warp_returns_the_images():
    images = faces()
    out = random_affine(images, rotation=0, shift=0, zoom=0, random_state=0)
    np.testing.assert_array_equal(out, images)


def test_a_shift_moves_the_picture():
    images = np.zeros((1, 9, 9), dtype=np.uint8)
    images[0, 4, 4] = 200
    # Draws of shift=0.5 on 9 pixels land anywhere in [-4.5, 4.5].
    out = random_affine(images, rotation=0, shift=0.5, zoom=0, random_state=1)
    assert out.argmax() != images.argmax()


def test_warps_are_seeded_and_keep_dtype_and_range():
    a = random_affine(faces(), random_state=5)
    b = random_affine(faces(), random_state=5)
    np.testing.assert_array_equal(a, b)
    assert a.dtype == np.uint8
    floats = random_affine(faces(dtype=np.float32) / 255, random_state=5)
    assert floats.dtype == np.float32 and 0 <= floats.min() <= floats.max() <= 1


def test_erasing_changes_only_chosen_images_inside_one_rectangle():
    images = np.zeros((50, 20, 20), dtype=np.uint8)
    out = random_erasing(images, probability=0.5, random_state=0)
    changed = out.reshape(50, -1).any(axis=1)
    assert 10 < changed.sum() < 40
    assert not np.shares_memory(out, images) and not images.any()
    for image in out[changed]:
        rows, cols = np.nonzero(image)
        # The noise may draw a zero, but never outside the rectangle.
        assert rows.max() - rows.min() < 20 and cols.max() - cols.min() < 20


def test_ten_crop_order_and_mirrors():
    images = np.arange(2 * 10 * 10, dtype=np.uint8).reshape(2, 10, 10)
    crops = ten_crop(images, fraction=1.0)
    for k in range(5):
        np.testing.assert_array_equal(crops[k], images)
        np.testing.assert_array_equal(crops[5 + k], images[:, :, ::-1])
    corners = ten_crop(images, fraction=0.5)
    assert corners.shape == (10, 2, 10, 10)
    assert corners[0, 0].max() < corners[3, 0].min()  # top-left vs bottom-right
    with pytest.raises(ValueError, match="fraction"):
        ten_crop(images, fraction=0)


@settings(max_examples=25, deadline=None)
@given(st.integers(0, 255), st.integers(1, 6), st.integers(0, 2**16))
def test_policy_keeps_constant_images_constant_without_erasing(value, n, seed):
    images = np.full((n, 16, 16), value, dtype=np.uint8)
    out = TrainingAugmentation(erasing=0, contrast=0)(images, random_state=seed)
    assert (out == value).all()


def test_policy_is_a_clonable_parameter_object():
    from sklearn.base import clone

    policy = clone(TrainingAugmentation(rotation=5, erasing=0))
    assert policy.get_params()["rotation"] == 5
    assert "rotation=5" in repr(policy)
