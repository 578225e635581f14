"""Keras building blocks shared by the architectures (backend-agnostic Keras 3)."""

import keras
from keras import layers


def image_input(image_shape, name="pixels"):
    """Flattened pixels in, scaled ``(h, w, 1)`` images out.

    Returns the ``keras.Input`` and the tensor that the convolutions start
    from. Scaling and reshaping live in the model so that every estimator of
    a pipeline sees the same uint8 ``X``.
    """
    h, w = image_shape
    inputs = keras.Input((h * w,), name=name)
    x = layers.Rescaling(1.0 / 255.0)(inputs)
    return inputs, layers.Reshape((h, w, 1))(x)


def conv_bn_relu(x, filters, kernel_size=3, strides=1):
    x = layers.Conv2D(
        filters, kernel_size, strides=strides, padding="same", use_bias=False
    )(x)
    x = layers.BatchNormalization()(x)
    return layers.Activation("relu")(x)


def dense_bn_relu(x, units):
    """A hidden dense layer, batch-normalised before its ReLU.

    Without the normalisation, SGD at the recipe's learning rate drove every
    unit of a dense layer after ``Flatten`` negative on every image within
    two epochs, and a dead ReLU gets no gradient back: CNN_1 stopped at the
    class prior and HOG-CNN's pixel branch went silent. Normalising per batch
    keeps each unit active on part of every batch.
    """
    x = layers.Dense(units, use_bias=False)(x)
    x = layers.BatchNormalization()(x)
    return layers.Activation("relu")(x)


def downsample_shortcut(x, filters):
    """Halve the resolution of a residual shortcut and match its channels.

    Average pooling followed by a stride-1 1x1 convolution, never a stride-2
    1x1 convolution: TensorFlow 2.21's oneDNN CPU kernel corrupts the heap
    computing that layer's gradient on a batch of odd size (see
    ``tests/keras/test_crash_regression.py``). ``padding="same"`` gives the
    same ``ceil(n / 2)`` size as the strided main path for any image size.
    """
    x = layers.AveragePooling2D(2, padding="same")(x)
    x = layers.Conv2D(filters, 1, use_bias=False)(x)
    return layers.BatchNormalization()(x)


def softmax_head(x, n_classes, dropout):
    if dropout:
        x = layers.Dropout(dropout)(x)
    return layers.Dense(n_classes, activation="softmax", name="proba")(x)
