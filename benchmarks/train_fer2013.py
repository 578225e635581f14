"""Train one skfer.keras CNN on FER2013 Training, evaluate on PublicTest.

Nothing is balanced or augmented before the split: ``--balance`` oversamples
inside an imbalanced-learn pipeline, so only training images are duplicated,
and the validation split for early stopping is drawn from Training only.

    PYTHONPATH=. python benchmarks/train_fer2013.py cnn2 [--data PATH]
        [--labels 7|3] [--balance] [--augment] [--epochs 100]
        [--batch-size 64] [--width N] [--seed 0] [--time-budget SECONDS]
        [--out model.joblib]
"""

import argparse
import time
from pathlib import Path

import keras
import numpy as np
from sklearn.metrics import accuracy_score, classification_report, f1_score

from _common import DEFAULT_DATA, command, machine
from _keras_common import TimeBudget, add_time_budget_argument, backend
from skfer.datasets import THREE_LABELS, load_fer2013, select_labels
from skfer.keras import ARCHITECTURES
from skfer.models import build_model, final_estimator, save_model


class EpochTimer(keras.callbacks.Callback):
    """Seconds inside each epoch and between epochs."""

    def __init__(self):
        super().__init__()
        self.inside, self.between, self._last_end = [], [], None

    def on_epoch_begin(self, epoch, logs=None):
        now = time.perf_counter()
        if self._last_end is not None:
            self.between.append(now - self._last_end)
        self._begin = now

    def on_epoch_end(self, epoch, logs=None):
        self._last_end = time.perf_counter()
        self.inside.append(self._last_end - self._begin)


def load(data, labels):
    data = Path(data)
    splits = [load_fer2013(data / f"fer2013_{s}.npz") for s in ("train", "publictest")]
    if labels == 3:
        splits = [select_labels(s, THREE_LABELS) for s in splits]
    return splits


def build(args):
    model = build_model(
        args.model,
        balance=args.balance,
        augment=args.augment,
        epochs=args.epochs,
        width=args.width,
        random_state=args.seed,
        callbacks=[EpochTimer()]
        + ([] if args.time_budget is None else [TimeBudget(args.time_budget)]),
    )
    final_estimator(model).set_params(batch_size=args.batch_size, verbose=2)
    return model


def architecture(name):
    """``tiny_xception`` as well as the CLI's ``tiny-xception``."""
    return name.replace("_", "-")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("model", type=architecture, choices=sorted(ARCHITECTURES))
    parser.add_argument("--data", default=DEFAULT_DATA)
    parser.add_argument("--labels", type=int, choices=(7, 3), default=7)
    parser.add_argument("--balance", action="store_true")
    parser.add_argument("--augment", action="store_true")
    parser.add_argument("--epochs", type=int, default=100)
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--width", type=int, default=None)
    parser.add_argument("--seed", type=int, default=0)
    add_time_budget_argument(parser)
    parser.add_argument("--out", default=None, help="joblib file of the model")
    args = parser.parse_args()

    print(command())
    print(machine(), backend())
    train, test = load(args.data, args.labels)
    print(f"train {train.data.shape}, publictest {test.data.shape}", flush=True)

    model = build(args)
    start = time.perf_counter()
    model.fit(train.data, train.target)
    seconds = time.perf_counter() - start
    clf = final_estimator(model)
    report(clf, model.predict(test.data), test, seconds)

    timer = clf.callbacks[0]
    out = args.out or f"benchmarks/results/{args.model.replace('-', '_')}.joblib"
    # Quiet at prediction and loadable under any Keras backend.
    save_model(model, out, ship=True, overwrite=True)
    print(f"saved {out}")
    print(f"seconds inside epochs: {np.round(timer.inside, 1).tolist()}")
    print(f"seconds between epochs: {np.round(timer.between, 1).tolist()}")


def report(clf, pred, test, seconds):
    names = [test.target_names[c] for c in clf.classes_]
    print(classification_report(
        test.target, pred, target_names=names, digits=3, zero_division=0
    ))
    epochs = len(clf.history_["loss"])
    best = int(np.argmin(clf.history_.get("val_loss", clf.history_["loss"]))) + 1
    print(f"PublicTest accuracy: {accuracy_score(test.target, pred):.4f}")
    print(f"PublicTest macro-F1: {f1_score(test.target, pred, average='macro'):.4f}")
    print(f"wrong predictions: {int(np.sum(pred != test.target))} of {len(pred)}")
    print(f"parameters: {clf.model_.count_params()}")
    print(f"epochs run: {epochs} (best weights from epoch {best})")
    print(f"fit seconds: {seconds:.0f}, seconds per epoch: {seconds / epochs:.1f}")


if __name__ == "__main__":
    main()
