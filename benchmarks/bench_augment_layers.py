"""Training step time of the augmentation layers, side by side in one run.

``augment=True`` puts Keras' random flip, translation, zoom, rotation and
contrast layers in front of the network. Under TensorFlow on a CPU they
cost little; under JAX on a GPU the three affine layers (translation, zoom,
rotation) dominate the step. This script times, on random 48x48 images in
batches of 64:

- a small two-convolution network with no augmentation, then with each
  layer alone and with all of them (ratio to "none");
- ``CNN2Classifier(width=48)`` with ``augment=False`` and ``augment=True``.

Each line gives the first epoch (compilation included) and then the mean
step of a second epoch of 32 steps.

    python benchmarks/bench_augment_layers.py          # TensorFlow
    KERAS_BACKEND=jax python benchmarks/bench_augment_layers.py
"""

import os
import time

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

import keras  # noqa: E402
import numpy as np  # noqa: E402
from keras import layers  # noqa: E402

from _common import command, machine  # noqa: E402
from _keras_common import backend  # noqa: E402
from skfer.keras import CNN2Classifier  # noqa: E402
from skfer.keras._layers import augmentation  # noqa: E402

BATCH, STEPS = 64, 32
FILL = dict(fill_mode="nearest")
LAYERS = {
    "flip": lambda: layers.RandomFlip("horizontal"),
    "translation": lambda: layers.RandomTranslation(0.1, 0.1, **FILL),
    "zoom": lambda: layers.RandomZoom(0.1, **FILL),
    "rotation": lambda: layers.RandomRotation(10 / 360, **FILL),
    "contrast": lambda: layers.RandomContrast(0.2, value_range=(0, 1)),
    "all (augment=True)": augmentation,
}


def small_network(augment_layer):
    inputs = keras.Input((48 * 48,))
    x = layers.Reshape((48, 48, 1))(layers.Rescaling(1 / 255)(inputs))
    if augment_layer is not None:
        x = augment_layer()(x)
    for filters in (8, 16):
        x = layers.Conv2D(filters, 3, padding="same", activation="relu")(x)
        x = layers.MaxPooling2D(2)(x)
    x = layers.GlobalAveragePooling2D()(x)
    model = keras.Model(inputs, layers.Dense(7, activation="softmax")(x))
    model.compile("adam", "sparse_categorical_crossentropy")
    return model


def step_times(model, X, y):
    """Seconds of a first epoch, and milliseconds per step of a second."""
    start = time.perf_counter()
    model.fit(X, y, batch_size=BATCH, epochs=1, verbose=0)
    first = time.perf_counter() - start
    start = time.perf_counter()
    model.fit(X, y, batch_size=BATCH, epochs=1, verbose=0)
    return first, (time.perf_counter() - start) / STEPS * 1000


def main():
    print(f"# {command()}\n# {machine()}\n# {backend()}", flush=True)
    rng = np.random.default_rng(0)
    X = rng.integers(0, 256, (BATCH * STEPS, 48 * 48)).astype("float32")
    y = rng.integers(0, 7, len(X))
    _, base = step_times(small_network(None), X, y)
    print(f"small network, none: {base:.1f} ms/step", flush=True)
    for name, layer in LAYERS.items():
        first, ms = step_times(small_network(layer), X, y)
        print(f"small network, {name}: first epoch {first:.1f} s, "
              f"{ms:.1f} ms/step, {ms / base:.1f}x none", flush=True)
    plain = None
    for augment in (False, True):
        clf = CNN2Classifier(width=48, augment=augment, epochs=1, batch_size=BATCH,
                             validation_split=0, patience=None, lr_patience=None,
                             random_state=0).fit(X, y)
        _, ms = step_times(clf.model_, X, y)
        plain = plain or ms
        print(f"CNN2Classifier(width=48, augment={augment}): {ms:.1f} ms/step, "
              f"{ms / plain:.1f}x augment=False", flush=True)


if __name__ == "__main__":
    main()
