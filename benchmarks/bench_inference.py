"""predict_proba throughput of every skfer model, side by side in one run.

Each Keras classifier is built at its default width and fitted for one epoch
on 280 images, 40 per class (the weights do not change the speed); the shipped model
(``skfer.pretrained.load("fer2013")``) is timed as it is, with and without
its test-time mirror averaging. Each is timed on
predicting FER2013 images in batches of 256; a HOG + logistic regression
pipeline is timed the same way. Reports images/s, the ratio to the fastest
model, parameter counts and pickled size.

    python benchmarks/bench_inference.py [--data PATH] [--n-images 2560] [--repeat 3]
"""

import argparse
import os
import pickle
import time

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

import numpy as np  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402
from sklearn.pipeline import make_pipeline  # noqa: E402
from sklearn.preprocessing import StandardScaler  # noqa: E402

from _common import DEFAULT_DATA, command, machine  # noqa: E402
from skfer.datasets import load_fer2013  # noqa: E402
from skfer.features import HOGTransformer  # noqa: E402

BATCH = 256


def models():
    from skfer import keras as fk

    fit = dict(epochs=1, validation_split=0, patience=None, lr_patience=None,
               batch_size=BATCH, random_state=0)
    yield "HOG + LogisticRegression", make_pipeline(
        HOGTransformer(), StandardScaler(), LogisticRegression(max_iter=200)
    )
    from skfer.pretrained import load

    yield "shipped fer2013 (CNN2 w16)", load("fer2013", test_time_augmentation=None)
    yield "  + test_time_augmentation=\"flip\"", load("fer2013")
    for cls in fk.ARCHITECTURES.values():
        yield cls.__name__, cls(**fit)


def images_per_second(model, X, repeat):
    model.predict_proba(X[:BATCH])  # warm-up: graph tracing, thread pools
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for i in range(0, len(X), BATCH):
            model.predict_proba(X[i: i + BATCH])
        best = min(best, time.perf_counter() - start)
    return len(X) / best


def n_params(model):
    if hasattr(model, "model_"):
        return model.model_.count_params()
    return model[-1].coef_.size + model[-1].intercept_.size


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=DEFAULT_DATA / "fer2013_train.npz")
    parser.add_argument("--n-images", type=int, default=2560)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    fer = load_fer2013(args.data)
    # 40 images of each class, so every network has its 7-class head.
    fit = np.concatenate([np.flatnonzero(fer.target == c)[:40] for c in range(7)])
    X_fit, y_fit = fer.data[fit], fer.target[fit]
    X = fer.data[-args.n_images:]
    rows = []
    for name, model in models():
        if not hasattr(model, "classes_"):  # the shipped model is fitted
            model.fit(X_fit, y_fit)
        rows.append((name, images_per_second(model, X, args.repeat), n_params(model),
                     len(pickle.dumps(model)) / 2**20))
    fastest = max(r[1] for r in rows)
    print(f"# {command()}\n# {machine()}\n# {len(X)} images, batches of {BATCH}, "
          f"best of {args.repeat}\n")
    print(f"{'model':<26}{'images/s':>10}{'vs fastest':>12}{'params':>11}{'MB':>7}")
    for name, speed, params, size in rows:
        print(f"{name:<26}{speed:10.0f}{speed / fastest:12.2f}{params:11,d}{size:7.1f}")


if __name__ == "__main__":
    main()
