"""CNN_1 and CNN_2 of the original report: plain convolution stacks."""

from keras import layers

from ._base import BaseFERClassifier
from ._layers import conv_bn_relu, dense_bn_relu, image_input, softmax_head


class CNN1Classifier(BaseFERClassifier):
    """CNN_1: three single-convolution blocks and a dense layer.

    Layers, with ``w = width`` (default 32)::

        pixels -> rescale -> reshape (h, w, 1)
        3 x [Conv3x3(w, 2w, 4w) - BatchNorm - ReLU - MaxPool2 - Dropout]
        Flatten - Dense(4w) - BatchNorm - ReLU - Dropout - Dense(n_classes, softmax)

    684,583 parameters for 48x48 images, 7 classes and the default
    width. Routed model parameters: ``model__dropout`` (default 0.25) after
    each block and ``model__dense_dropout`` (default 0.5) before the
    softmax.

    Parameters are those of :class:`BaseFERClassifier`.

    Examples
    --------
    >>> from skfer.datasets import load_fer2013_sample
    >>> from skfer.keras import CNN1Classifier
    >>> fer = load_fer2013_sample()
    >>> clf = CNN1Classifier(width=4, epochs=1, random_state=0)
    >>> clf.fit(fer.data[:64], fer.target[:64]).predict_proba(fer.data[:2]).shape
    (2, 7)
    """

    _default_width = 32

    def _keras_build_fn(self, compile_kwargs, meta, dropout=0.25,
                        dense_dropout=0.5):
        inputs, x = image_input(self.image_shape_)
        for i in range(3):
            x = conv_bn_relu(x, self._width * 2**i)
            x = layers.MaxPooling2D(2, padding="same")(x)
            x = layers.Dropout(dropout)(x)
        x = dense_bn_relu(layers.Flatten()(x), 4 * self._width)
        outputs = softmax_head(x, meta["n_classes_"], dense_dropout)
        return self._compile(inputs, outputs, "cnn1", compile_kwargs)


class CNN2Classifier(BaseFERClassifier):
    """CNN_2: four double-convolution blocks, the stronger plain CNN.

    Layers, with ``w = width`` (default 32)::

        pixels -> rescale -> reshape (h, w, 1)
        4 x [2 x (Conv3x3(w, 2w, 4w, 8w) - BatchNorm - ReLU) - MaxPool2 - Dropout]
        GlobalAveragePooling - Dense(8w, ReLU) - Dropout - Dense(n_classes, softmax)

    1,242,151 parameters for 48x48 images, 7 classes and the default
    width. Routed model parameters: ``model__dropout`` (default 0.25) after
    each block and ``model__dense_dropout`` (default 0.5) before the
    softmax.

    Parameters are those of :class:`BaseFERClassifier`.

    Examples
    --------
    >>> from skfer.datasets import load_fer2013_sample
    >>> from skfer.keras import CNN2Classifier
    >>> fer = load_fer2013_sample()
    >>> clf = CNN2Classifier(width=4, epochs=1, random_state=0)
    >>> clf.fit(fer.data[:64], fer.target[:64]).predict(fer.data[:2]).shape
    (2,)
    """

    _default_width = 32

    def _keras_build_fn(self, compile_kwargs, meta, dropout=0.25,
                        dense_dropout=0.5):
        inputs, x = image_input(self.image_shape_)
        for i in range(4):
            for _ in range(2):
                x = conv_bn_relu(x, self._width * 2**i)
            x = layers.MaxPooling2D(2, padding="same")(x)
            x = layers.Dropout(dropout)(x)
        x = layers.GlobalAveragePooling2D()(x)
        x = layers.Dense(8 * self._width, activation="relu")(x)
        outputs = softmax_head(x, meta["n_classes_"], dense_dropout)
        return self._compile(inputs, outputs, "cnn2", compile_kwargs)
