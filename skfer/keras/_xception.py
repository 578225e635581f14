"""Tiny Xception: depthwise-separable residual blocks (mini-Xception style)."""

from keras import layers

from ._base import BaseFERClassifier
from ._layers import conv_bn_relu, downsample_shortcut, image_input


class TinyXceptionClassifier(BaseFERClassifier):
    """Tiny_Xception: mini-Xception with four separable residual modules.

    Layers, with ``w = width`` (default 8)::

        pixels -> rescale -> reshape (h, w, 1)
        2 x [Conv3x3(w) - BatchNorm - ReLU]
        4 x module(2w, 4w, 8w, 16w):
            main:     SepConv3x3 - BN - ReLU - SepConv3x3 - BN - MaxPool3 (stride 2)
            shortcut: AveragePooling2 - Conv1x1 - BN
            add
        Dropout - Conv3x3(n_classes) - GlobalAveragePooling - softmax

    The shortcut replaces mini-Xception's stride-2 1x1 convolution, whose
    gradient crashes TensorFlow on CPU for odd batch sizes.

    58,423 parameters for 48x48 images, 7 classes and the default
    width. Routed model parameter: ``model__dropout`` (default 0.0) before
    the last convolution.

    Parameters are those of :class:`BaseFERClassifier`.

    Examples
    --------
    >>> from skfer.datasets import load_fer2013_sample
    >>> from skfer.keras import TinyXceptionClassifier
    >>> fer = load_fer2013_sample()
    >>> clf = TinyXceptionClassifier(width=2, epochs=1, random_state=0)
    >>> clf.fit(fer.data[:64], fer.target[:64]).predict(fer.data[:2]).shape
    (2,)
    """

    _default_width = 8

    def _keras_build_fn(self, compile_kwargs, meta, dropout=0.0):
        inputs, x = image_input(self.image_shape_)
        x = conv_bn_relu(x, self._width)
        x = conv_bn_relu(x, self._width)
        for i in range(1, 5):
            x = _separable_module(x, self._width * 2**i)
        if dropout:
            x = layers.Dropout(dropout)(x)
        x = layers.Conv2D(meta["n_classes_"], 3, padding="same")(x)
        x = layers.GlobalAveragePooling2D()(x)
        outputs = layers.Activation("softmax", name="proba")(x)
        return self._compile(inputs, outputs, "tiny_xception", compile_kwargs)


def _separable_module(x, filters):
    shortcut = downsample_shortcut(x, filters)
    y = layers.SeparableConv2D(filters, 3, padding="same", use_bias=False)(x)
    y = layers.BatchNormalization()(y)
    y = layers.Activation("relu")(y)
    y = layers.SeparableConv2D(filters, 3, padding="same", use_bias=False)(y)
    y = layers.BatchNormalization()(y)
    y = layers.MaxPooling2D(3, strides=2, padding="same")(y)
    return layers.Add()([y, shortcut])
