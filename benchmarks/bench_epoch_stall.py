"""Idle seconds between epochs, and predict speed: Keras' array pipeline vs skfer's.

Keras feeds NumPy arrays to ``fit`` through tf.data with autotuning on and a
new iterator at every epoch; destroying the old one can wait for the
autotuner's thread to finish a sleep, and the process sits idle meanwhile.
skfer's classifiers pass tf.data batches with autotuning off
(``skfer/keras/_tf_data.py``). This fits the same ``CNN2Classifier`` twice,
side by side in one run: once as skfer does, once with the arrays handed to
Keras as they are. A thread samples the process's CPU time every half second;
a half second in which it used under 5% of one core counts as idle. Then it
times ``predict_proba`` of the shipped model both ways (batches of 256, as
``bench_inference.py``; the best of 3 passes over 2,560 PublicTest images).

    PYTHONPATH=. python benchmarks/bench_epoch_stall.py [--data PATH]
        [--epochs 6] [--width 16] [--n-images 28709] [--part fit|predict|both]
"""

import argparse
import os
import threading
import time
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

import keras  # noqa: E402
import numpy as np  # noqa: E402

from _common import DEFAULT_DATA, command, machine  # noqa: E402
from _keras_common import backend  # noqa: E402
from bench_inference import images_per_second  # noqa: E402
from skfer.datasets import load_fer2013  # noqa: E402
from skfer.keras import CNN2Classifier  # noqa: E402

TICK = 0.5


class IdleMeter:
    """Seconds in which the process used (almost) no CPU, while running."""

    def __init__(self):
        self.idle = 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()

    def _run(self):
        last = time.process_time()
        while not self._stop.wait(TICK):
            now = time.process_time()
            if now - last < 0.05 * TICK:
                self.idle += TICK
            last = now


class EpochClock(keras.callbacks.Callback):
    """Wall seconds of each epoch and the idle seconds within it."""

    def __init__(self, meter):
        super().__init__()
        self.meter, self.seconds, self.idle = meter, [], []

    def on_epoch_begin(self, epoch, logs=None):
        self._start, self._idle = time.perf_counter(), self.meter.idle

    def on_epoch_end(self, epoch, logs=None):
        self.seconds.append(time.perf_counter() - self._start)
        self.idle.append(self.meter.idle - self._idle)


def use_pipeline(skfer_pipeline):
    """The one switch between the two runs (skfer's documented setting)."""
    os.environ["SKFER_KERAS_PIPELINE"] = "skfer" if skfer_pipeline else "keras"


def fit(X, y, args, skfer_pipeline):
    use_pipeline(skfer_pipeline)
    with IdleMeter() as meter:
        clock = EpochClock(meter)
        clf = CNN2Classifier(
            width=args.width, epochs=args.epochs, patience=None, lr_patience=None,
            random_state=0, callbacks=[clock],
        )
        start = time.perf_counter()
        clf.fit(X, y)
        seconds = time.perf_counter() - start
    return seconds, meter.idle, clock


def fits(args):
    train = load_fer2013(args.data / "fer2013_train.npz")
    X, y = train.data[: args.n_images], train.target[: args.n_images]
    print(f"CNN2Classifier(width={args.width}), {len(y)} images, {args.epochs} epochs")
    results = {}
    for name, skfer_pipeline in [("Keras' pipeline", False), ("skfer's", True)]:
        seconds, idle, clock = fit(X, y, args, skfer_pipeline)
        results[name] = seconds
        print(f"{name:<16} fit {seconds:7.1f} s, idle {idle:6.1f} s; per epoch "
              f"{np.round(clock.seconds, 1).tolist()} s, idle "
              f"{np.round(clock.idle, 1).tolist()} s", flush=True)
    ratio = results["Keras' pipeline"] / results["skfer's"]
    print(f"fit time, Keras' pipeline / skfer's: {ratio:.2f}x")


def predictions(args, n_images=2560):
    from skfer.pretrained import load

    X = load_fer2013(args.data / "fer2013_publictest.npz").data[:n_images]
    clf = load("fer2013", test_time_augmentation=None)
    speed = {}
    for name, skfer_pipeline in [("Keras' pipeline", False), ("skfer's", True)]:
        use_pipeline(skfer_pipeline)
        speed[name] = images_per_second(clf, X, repeat=3)
        print(f"{name:<16} predict_proba {speed[name]:7.0f} images/s", flush=True)
    ratio = speed["skfer's"] / speed["Keras' pipeline"]
    print(f"predict speed, skfer's / Keras' pipeline: {ratio:.2f}x")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--epochs", type=int, default=6)
    parser.add_argument("--width", type=int, default=16)
    parser.add_argument("--n-images", type=int, default=None)
    parser.add_argument("--part", choices=("fit", "predict", "both"), default="both")
    args = parser.parse_args()
    print(command())
    print(machine(), backend())
    if args.part in ("fit", "both"):
        fits(args)
    if args.part in ("predict", "both"):
        predictions(args)


if __name__ == "__main__":
    main()
