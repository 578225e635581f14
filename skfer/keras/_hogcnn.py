"""HOG-CNN: convolutions on the pixels and dense layers on their HOG descriptor."""

import numpy as np
from keras import layers
from scikeras._utils import route_params
from sklearn.base import BaseEstimator, TransformerMixin, clone

from ..features import HOGTransformer
from ._base import BaseFERClassifier
from ._layers import conv_bn_relu, dense_bn_relu, image_input, softmax_head


class HOGCNNClassifier(BaseFERClassifier):
    """HOG-CNN: a two-branch network on the pixels and on their HOG.

    The classifier computes the HOG descriptors itself (scikeras'
    ``feature_encoder`` runs a :class:`~skfer.features.HOGTransformer`), so
    it takes the same flattened pixels as the other classifiers and can be
    ensembled with them. Routed ``hog__<param>`` parameters (for example
    ``hog__orientations``, ``hog__n_jobs``) configure that transformer.

    Layers, with ``w = width`` (default 32)::

        image branch: pixels -> rescale -> reshape
                      3 x [Conv3x3(w, 2w, 4w) - BN - ReLU - MaxPool2 - Dropout]
                      Flatten - Dense-BN-ReLU(4w)
        HOG branch:   HOG (1296 values for 48x48) - Dense-BN-ReLU(8w) - Dropout
                      - Dense-BN-ReLU(4w)
        Concatenate - Dense-BN-ReLU(4w) - Dropout - Dense(n_classes, softmax)

    ``Dense-BN-ReLU`` is a dense layer without bias, batch normalisation and
    a ReLU.

    1,083,943 parameters for 48x48 images, 7 classes, default HOG and
    default width. Routed model parameters: ``model__dropout`` (default
    0.25) in both branches and ``model__dense_dropout`` (default 0.5) before
    the softmax.

    Parameters are those of :class:`BaseFERClassifier`.

    Examples
    --------
    >>> from skfer.datasets import load_fer2013_sample
    >>> from skfer.keras import HOGCNNClassifier
    >>> fer = load_fer2013_sample()
    >>> clf = HOGCNNClassifier(width=4, epochs=1, random_state=0)
    >>> clf.fit(fer.data[:64], fer.target[:64]).predict(fer.data[:2]).shape
    (2,)
    """

    _default_width = 32
    _routing_prefixes = BaseFERClassifier._routing_prefixes | {"hog"}

    @property
    def feature_encoder(self):
        """Transformer of flattened pixels into the network's two inputs."""
        hog_params = route_params(self.get_params(), "hog", pass_filter=set())
        hog = HOGTransformer(image_shape=self.image_shape, **hog_params)
        return PixelsAndHOG(hog)

    def _keras_build_fn(self, compile_kwargs, meta, dropout=0.25,
                        dense_dropout=0.5):
        w = self._width
        pixels, x = image_input(self.image_shape_)
        for i in range(3):
            x = conv_bn_relu(x, w * 2**i)
            x = layers.MaxPooling2D(2, padding="same")(x)
            x = layers.Dropout(dropout)(x)
        x = dense_bn_relu(layers.Flatten()(x), 4 * w)

        hog = layers.Input((self.feature_encoder_.n_hog_features_,), name="hog")
        h = dense_bn_relu(hog, 8 * w)
        h = layers.Dropout(dropout)(h)
        h = dense_bn_relu(h, 4 * w)

        z = layers.Concatenate()([x, h])
        z = dense_bn_relu(z, 4 * w)
        outputs = softmax_head(z, meta["n_classes_"], dense_dropout)
        return self._compile([pixels, hog], outputs, "hog_cnn", compile_kwargs)


class PixelsAndHOG(TransformerMixin, BaseEstimator):
    """Pixels and their HOG descriptors, as the two named inputs of HOG-CNN.

    Parameters
    ----------
    hog : HOGTransformer
        Computes the descriptors; cloned in fit.

    Attributes
    ----------
    hog_ : HOGTransformer
        The fitted clone.
    n_hog_features_ : int
        Length of one descriptor.
    """

    def __init__(self, hog):
        self.hog = hog

    def fit(self, X, y=None):
        """Fit the HOG transformer and record the descriptor length."""
        self.hog_ = clone(self.hog).fit(X)
        self.n_hog_features_ = self.hog_.transform(X[:1]).shape[1]
        return self

    def transform(self, X):
        """Return ``{"pixels": X, "hog": HOG(X)}`` for the Keras model."""
        hog = self.hog_.transform(X).astype(np.float32)
        return {"pixels": np.asarray(X), "hog": hog}
