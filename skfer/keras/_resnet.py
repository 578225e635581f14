"""A small residual network for 48x48 faces."""

from keras import layers

from ._base import BaseFERClassifier
from ._layers import (
    conv_bn_relu,
    downsample_shortcut,
    image_input,
    softmax_head,
)


class ResNetClassifier(BaseFERClassifier):
    """ResNet: a stem and three stages of two basic residual blocks each.

    Layers, with ``w = width`` (default 16)::

        pixels -> rescale -> reshape (h, w, 1)
        Conv3x3(w) - BatchNorm - ReLU
        stage 1: 2 x BasicBlock(w)
        stage 2: BasicBlock(2w, stride 2) - BasicBlock(2w)
        stage 3: BasicBlock(4w, stride 2) - BasicBlock(4w)
        GlobalAveragePooling - Dropout - Dense(n_classes, softmax)

    A basic block is Conv3x3 - BN - ReLU - Conv3x3 - BN, added to its
    shortcut, then ReLU. A downsampling block's shortcut is
    AveragePooling2 - Conv1x1 - BN (see ``downsample_shortcut``): the usual
    stride-2 1x1 convolution crashes TensorFlow's CPU gradient on odd batch
    sizes.

    175,895 parameters for 48x48 images, 7 classes and the default
    width. Routed model parameter: ``model__dropout`` (default 0.3) before
    the softmax.

    Parameters are those of :class:`BaseFERClassifier`.

    Examples
    --------
    >>> from skfer.datasets import load_fer2013_sample
    >>> from skfer.keras import ResNetClassifier
    >>> fer = load_fer2013_sample()
    >>> clf = ResNetClassifier(width=4, epochs=1, random_state=0)
    >>> clf.fit(fer.data[:64], fer.target[:64]).predict(fer.data[:2]).shape
    (2,)
    """

    _default_width = 16

    def _keras_build_fn(self, compile_kwargs, meta, dropout=0.3):
        inputs, x = image_input(self.image_shape_)
        x = conv_bn_relu(x, self._width)
        for stage in range(3):
            filters = self._width * 2**stage
            x = _basic_block(x, filters, downsample=stage > 0)
            x = _basic_block(x, filters, downsample=False)
        x = layers.GlobalAveragePooling2D()(x)
        outputs = softmax_head(x, meta["n_classes_"], dropout)
        return self._compile(inputs, outputs, "resnet", compile_kwargs)


def _basic_block(x, filters, downsample):
    strides = 2 if downsample else 1
    shortcut = x
    if downsample or x.shape[-1] != filters:
        shortcut = (
            downsample_shortcut(x, filters)
            if downsample
            else layers.Conv2D(filters, 1, use_bias=False)(x)
        )
    y = conv_bn_relu(x, filters, strides=strides)
    y = layers.Conv2D(filters, 3, padding="same", use_bias=False)(y)
    y = layers.BatchNormalization()(y)
    return layers.Activation("relu")(layers.Add()([y, shortcut]))
