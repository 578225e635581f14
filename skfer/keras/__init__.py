"""Keras CNNs of the original FER2013 report as scikit-learn classifiers.

The only skfer package that imports TensorFlow/Keras. Every classifier takes
flattened uint8 images ``(n_samples, height * width)`` plus ``image_shape``.
"""

from ._base import BaseFERClassifier
from ._cnn import CNN1Classifier, CNN2Classifier
from ._hogcnn import HOGCNNClassifier
from ._resnet import ResNetClassifier
from ._xception import TinyXceptionClassifier

#: The five architectures by the names ``skfer train --model`` takes.
ARCHITECTURES = {
    "cnn1": CNN1Classifier,
    "cnn2": CNN2Classifier,
    "resnet": ResNetClassifier,
    "tiny-xception": TinyXceptionClassifier,
    "hog-cnn": HOGCNNClassifier,
}

__all__ = [
    "ARCHITECTURES",
    "BaseFERClassifier",
    "CNN1Classifier",
    "CNN2Classifier",
    "HOGCNNClassifier",
    "ResNetClassifier",
    "TinyXceptionClassifier",
]
