"""Small, seeded FER2013 data for the Keras tests.

Images are downscaled to 24x24 (every other pixel) and networks are a few
filters wide, so that a fit takes seconds on two cores. ``fast`` runs Keras
eagerly: tracing the ``tf.function`` of each new model costs more than a
60-image epoch; the per-architecture smoke tests and the crash regression
test run in graph mode, as users do.
"""

import numpy as np
import pytest

from skfer.datasets import load_fer2013_sample

SHAPE = (24, 24)
FAST = dict(
    width=2, epochs=1, batch_size=16, image_shape=SHAPE, random_state=0,
    run_eagerly=True,
)


def small_images(n, n_classes=3):
    """``n`` 24x24 uint8 images of the ``n_classes`` most frequent classes."""
    fer = load_fer2013_sample()
    keep = np.isin(fer.target, np.argsort(np.bincount(fer.target))[-n_classes:])
    images = fer.images[keep][:n, ::2, ::2]
    return images.reshape(len(images), -1), fer.target[keep][:n]


@pytest.fixture(scope="session")
def data():
    return small_images(60)


@pytest.fixture(scope="session")
def fast():
    """Parameters of a tiny network that fits in a second or two."""
    return dict(FAST)


@pytest.fixture(scope="session")
def shape():
    return SHAPE
