"""Time to accuracy: the report's training defaults against the new recipe.

Trains the same architecture, width and seed once per configuration, one
after the other in one run, each for the same wall-clock budget, on FER2013
Training (the validation split drives the plateau schedule and early stopping
where a configuration has them). After every epoch the network's current
weights (not their average) are scored on PublicTest, and the fitted model
(with the averaged weights where the configuration keeps an average) once at
the end: these scores only measure time to accuracy and choose nothing.
The cosine configurations spread their schedule over the epochs that fit in
the budget, estimated from the first epoch's time.

Configurations:

- ``old``: the report's defaults as skfer had them before the recipe
  (Adam, plateau schedule, early stopping; flip, shift, zoom, rotation and
  contrast as Keras' augmentation layers did);
- ``recipe``: the recipe, :data:`skfer.models.RECIPE`;
- with ``--ablation``, ``recipe`` without each ingredient in turn.

Prints, per configuration, the epochs run, the best PublicTest accuracy
reached, the minutes to reach 60% and 65%, and the ratio of each time to
``old``'s.

    python benchmarks/bench_recipe.py [--model cnn2] [--width 16]
        [--budget 1200] [--ablation] [--seed 0] [--data PATH]
"""

import argparse
import math
import os
import time

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

import keras  # noqa: E402
import numpy as np  # noqa: E402

from _common import DEFAULT_DATA, command, load_split, machine  # noqa: E402
from _keras_common import TimeBudget, backend  # noqa: E402
from skfer.augment import TrainingAugmentation  # noqa: E402
from skfer.models import RECIPE, build_model  # noqa: E402

OLD = dict(augment=TrainingAugmentation(contrast=0.2, erasing=0.0))
#: Marks a parameter of RECIPE that an ablation leaves out altogether.
DROP = object()
#: What removing one ingredient of RECIPE means.
WITHOUT = {
    "erasing": dict(augment=TrainingAugmentation(erasing=0.0)),
    "SGD (Adam)": dict(
        optimizer="adam", optimizer__learning_rate=1e-3,
        optimizer__momentum=DROP, optimizer__nesterov=DROP,
    ),
    "cosine (plateau)": dict(lr_schedule="plateau", warmup_epochs=0),
    "label smoothing": dict(label_smoothing=0.0),
    "EMA": dict(ema_momentum=None),
    "weight decay": dict(weight_decay=None),
}


class PublicTestClock(keras.callbacks.Callback):
    """PublicTest accuracy and elapsed seconds after every epoch."""

    def __init__(self, X, y, classes):
        super().__init__()
        self.X, self.y, self.classes = X, y, classes
        self.seconds, self.accuracy = [], []

    def on_train_begin(self, logs=None):
        self._start = time.perf_counter()

    def on_epoch_end(self, epoch, logs=None):
        elapsed = time.perf_counter() - self._start
        proba = self.model.predict(self.X, batch_size=512, verbose=0)
        self.accuracy.append(float(np.mean(self.classes[proba.argmax(1)] == self.y)))
        # Scoring is not training: leave it out of the clock.
        self._start += time.perf_counter() - self._start - elapsed
        self.seconds.append(elapsed)


def run(name, params, data, args, epochs):
    (X, y), (X_test, y_test) = data
    clock = PublicTestClock(X_test, y_test, np.unique(y))
    model = build_model(
        args.model, width=args.width, random_state=args.seed, epochs=epochs,
        callbacks=[TimeBudget(args.budget), clock], **params,
    )
    model.fit(X, y)
    clock.final = float(np.mean(model.predict(X_test) == y_test))
    return clock


def epochs_in_budget(data, args):
    """Epochs of the recipe that fit in the budget, from one timed epoch."""
    clock = run("timing", {**RECIPE, "lr_schedule": "plateau"}, data, args, 1)
    return max(2, math.floor(args.budget / clock.seconds[0]))


def ablated(changes):
    """RECIPE with ``changes``; DROP removes a parameter (Adam has no momentum)."""
    params = {**RECIPE, **changes}
    return {k: v for k, v in params.items() if v is not DROP}


def minutes_to(clock, target):
    hits = [s for s, a in zip(clock.seconds, clock.accuracy) if a >= target]
    return hits[0] / 60 if hits else None


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default="cnn2")
    parser.add_argument("--width", type=int, default=16)
    parser.add_argument("--budget", type=float, default=1200, metavar="SECONDS")
    parser.add_argument("--ablation", action="store_true")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--data", default=DEFAULT_DATA)
    args = parser.parse_args()
    print(f"# {command()}\n# {machine()}\n# {backend()}", flush=True)
    data = [
        load_split(f"{args.data}/fer2013_{split}.npz")[:2]
        for split in ("train", "publictest")
    ]
    epochs = epochs_in_budget(data, args)
    print(f"cosine schedules span {epochs} epochs", flush=True)
    configs = {"old": (OLD, 300), "recipe": (RECIPE, epochs)}
    if args.ablation:
        configs.update(
            {f"recipe - {k}": (ablated(v), epochs) for k, v in WITHOUT.items()}
        )
    rows = {}
    for name, (params, n) in configs.items():
        rows[name] = run(name, params, data, args, n)
        print(f"{name}: {np.round(rows[name].accuracy, 4).tolist()}", flush=True)
    report(rows)


def report(rows):
    old = rows["old"]
    print(f"\n{'configuration':<26}{'epochs':>7}{'best':>8}{'final':>8}"
          f"{'min to 60%':>12}{'min to 65%':>12}{'ratio 60%':>11}{'ratio 65%':>11}")
    for name, clock in rows.items():
        cells = []
        for target in (0.60, 0.65):
            minutes, base = minutes_to(clock, target), minutes_to(old, target)
            cells.append(f"{minutes:12.1f}" if minutes else f"{'-':>12}")
            ratio = minutes / base if minutes and base else None
            cells.append(f"{ratio:11.2f}" if ratio else f"{'-':>11}")
        print(f"{name:<26}{len(clock.accuracy):>7}{max(clock.accuracy):>8.4f}"
              f"{clock.final:>8.4f}{cells[0]}{cells[2]}{cells[1]}{cells[3]}")


if __name__ == "__main__":
    main()
