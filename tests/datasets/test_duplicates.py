import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from skfer.datasets import duplicated_in, load_fer2013_sample


def test_finds_the_copied_images_of_the_sample():
    fer = load_fer2013_sample()
    rng = np.random.default_rng(0)
    copied = rng.choice(len(fer.data), 5, replace=False)
    test = np.concatenate([fer.data[copied], 255 - fer.data[copied]])
    # Inverted faces are not in the sample (no face is its own negative).
    assert duplicated_in(test, fer.data).tolist() == [True] * 5 + [False] * 5


def test_equal_values_match_across_dtypes():
    reference = np.array([[0, 7, 255]], dtype=np.uint8)
    X = np.array([[0.0, 7.0, 255.0], [-0.0, 7.0, 255.0], [0.0, 7.5, 255.0]])
    assert duplicated_in(X, reference).tolist() == [True, True, False]


def test_images_of_different_sizes_are_refused():
    with pytest.raises(ValueError, match="X has 4 pixels .* reference has 6"):
        duplicated_in(np.zeros((2, 4)), np.zeros((3, 6)))


def test_3d_images_are_refused_by_name():
    match = r"reference must hold flattened images.*\(3, 2, 2\)"
    with pytest.raises(ValueError, match=match):
        duplicated_in(np.zeros((2, 4)), np.zeros((3, 2, 2)))


@given(arrays(np.uint8, st.tuples(st.integers(1, 12), st.just(4)),
              elements=st.integers(0, 3)))
def test_agrees_with_a_pairwise_comparison(images):
    X, reference = images[::2], images[1::2]
    expected = [any(np.array_equal(x, r) for r in reference) for x in X]
    assert duplicated_in(X, reference).tolist() == expected
