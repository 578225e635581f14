"""Hidden dense layers stay alive under the recipe's SGD.

On the full Training data, SGD at the recipe's learning rate turned every
unit of CNN_1's dense layer (and of HOG-CNN's pixel branch) negative on
every image within two epochs; CNN_1 then predicted the class prior for
good (``benchmarks/logs/report_cnn1-7-honest_dead_epochs0-18.log``).
Batch normalisation before each hidden ReLU prevents it. A learning rate
ten times the recipe's kills 62% of the units of the old layer on the
bundled sample in two epochs, and none of the new one.
"""

import numpy as np
import pytest

pytest.importorskip("keras")

from keras import Model, activations  # noqa: E402

from skfer.datasets import load_fer2013_sample  # noqa: E402
from skfer.models import RECIPE, build_model  # noqa: E402


def hidden_dense_activations(model):
    """The outputs of the ReLUs on flat features: the hidden dense layers'."""
    return [
        layer.output
        for layer in model.layers
        if getattr(layer, "activation", None) is activations.relu
        and len(layer.output.shape) == 2
    ]


@pytest.mark.parametrize("name", ["cnn1", "hog-cnn"])
def test_no_dense_unit_dies_at_a_high_learning_rate(name):
    fer = load_fer2013_sample()
    params = dict(RECIPE, epochs=2, warmup_epochs=0, augment=False,
                  optimizer__learning_rate=0.5)
    clf = build_model(name, width=8, random_state=0, **params)
    clf.fit(fer.data, fer.target)

    outputs = hidden_dense_activations(clf.model_)
    assert outputs
    X = clf.feature_encoder_.transform(fer.data)
    if not isinstance(X, dict):
        X = [X]  # the model's one named input
    # Training mode: batch statistics, as the gradient sees the layer.
    activations = Model(clf.model_.inputs, outputs)(X, training=True)
    if not isinstance(activations, list):
        activations = [activations]
    for units in activations:
        silent = np.asarray(units).max(axis=0) <= 0
        assert not silent.any(), f"{silent.sum()} of {silent.size} units dead"
