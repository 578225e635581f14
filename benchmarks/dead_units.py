"""Count the dead units of a Keras model's hidden dense layers.

A ReLU unit that is zero on every image gets no gradient and never comes
back. This prints, for each ReLU on flat features (a hidden dense layer) of
each saved model, how many of its units are zero on every one of the first
N Training images, in inference mode (the fitted model as it predicts)::

    cd benchmarks && python dead_units.py report_runs/hog-cnn-7-honest/model.joblib

A model, a pipeline ending in one or a row's ``checkpoint.joblib`` can be
given.
"""

import argparse

import numpy as np

from _common import DEFAULT_DATA, command, machine


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("models", nargs="+", metavar="MODEL")
    parser.add_argument("--images", type=int, default=1024,
                        help="first N Training images (default: %(default)s)")
    parser.add_argument("--data", default=DEFAULT_DATA)
    return parser.parse_args()


def hidden_relus(model):
    """The ReLU layers on flat features, in the model's order."""
    from keras import activations

    return [
        layer for layer in model.layers
        if getattr(layer, "activation", None) is activations.relu
        and len(layer.output.shape) == 2
    ]


def dead_units(clf, X):
    """``[(layer name, dead units, units)]`` of ``clf``'s hidden ReLUs."""
    from keras import Model

    relus = hidden_relus(clf.model_)
    inputs = clf.feature_encoder_.transform(X)
    if not isinstance(inputs, dict):
        inputs = [inputs]
    outputs = Model(clf.model_.inputs, [r.output for r in relus])(inputs)
    if not isinstance(outputs, list):
        outputs = [outputs]
    return [
        (relu.name, int((np.asarray(out).max(axis=0) <= 0).sum()), out.shape[1])
        for relu, out in zip(relus, outputs)
    ]


def main():
    from skfer.datasets import load_fer2013
    from skfer.models import load_model

    args = parse_args()
    X = load_fer2013(f"{args.data}/fer2013_train.npz").data[: args.images]
    print(f"# {command()}\n# {machine()}\n# first {len(X)} Training images")
    for path in args.models:
        clf = load_model(path)
        clf = clf[-1] if hasattr(clf, "steps") else clf
        for name, dead, units in dead_units(clf, X):
            print(f"{path}  {name:<14} {dead:>4} of {units:>4} units dead")


if __name__ == "__main__":
    main()
