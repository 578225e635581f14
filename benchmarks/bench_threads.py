"""Training throughput of a CPU: one process on every core, or one per core.

TensorFlow spreads one training run over every core, but small convolutions
on 48x48 images do not split well between threads. This benchmark trains the
same network, with the recipe, on the same images of FER2013 Training in two
configurations, one after the other in one run:

- ``shared``: one process, TensorFlow's default threads (every core);
- ``split``: one process per core, started together, each held to one thread
  (``TF_NUM_INTRAOP_THREADS=1``, ``TF_NUM_INTEROP_THREADS=1``, and
  ``OMP_NUM_THREADS=1`` too; two rows of ``reproduce_report.py`` side by
  side took as long per epoch with or without it).

Each process trains two epochs and times the second (the first traces the
graph). Prints each process's images a second and the CPU seconds it used a
wall-clock second (about 1 when the thread limit holds), the images a second
of each configuration in all, and the ratio of ``split`` to ``shared``.

    python benchmarks/bench_threads.py [--model cnn2] [--width 32]
        [--images 3200] [--data PATH]
"""

import argparse
import json
import os
import subprocess
import sys
import time

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

ONE_THREAD = {"TF_NUM_INTRAOP_THREADS": "1", "TF_NUM_INTEROP_THREADS": "1",
              "OMP_NUM_THREADS": "1"}


def worker(args):
    """Train two epochs; print the second one's figures as a JSON line."""
    import keras

    from _common import load_split
    from skfer.models import RECIPE, build_model, final_estimator

    class SecondEpoch(keras.callbacks.Callback):
        def on_epoch_begin(self, epoch, logs=None):
            self.start = time.perf_counter(), time.process_time()

        def on_epoch_end(self, epoch, logs=None):
            wall, cpu = (now - then for now, then in zip(
                (time.perf_counter(), time.process_time()), self.start))
            self.figures = dict(images_per_s=args.images / wall,
                                cpu_per_wall=cpu / wall)

    X, y, _ = load_split(os.path.join(args.data, "fer2013_train.npz"))
    timer = SecondEpoch()
    params = dict(RECIPE, epochs=2, validation_split=0.0, width=args.width)
    model = build_model(args.model, callbacks=[timer], **params)
    final_estimator(model).fit(X[: args.images], y[: args.images])
    print(json.dumps(timer.figures), flush=True)


def run(args, processes, env):
    """Start ``processes`` workers together; their figures, once all end."""
    command = [sys.executable, __file__, "--worker", "--model", args.model,
               "--width", str(args.width), "--images", str(args.images),
               "--data", args.data]
    started = [
        subprocess.Popen(command, env={**os.environ, **env},
                         stdout=subprocess.PIPE, text=True)
        for _ in range(processes)
    ]
    figures = []
    for process in started:
        out, _ = process.communicate()
        if process.returncode:
            raise SystemExit(f"a worker failed (exit {process.returncode})")
        figures.append(json.loads(out.strip().splitlines()[-1]))
    return figures


def main():
    from _common import DEFAULT_DATA, command, machine

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default="cnn2")
    parser.add_argument("--width", type=int, default=32)
    parser.add_argument("--images", type=int, default=3200)
    parser.add_argument("--data", default=DEFAULT_DATA)
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        return worker(args)

    print(command())
    print(machine())
    cores = os.cpu_count()
    totals = {}
    for name, processes, env in (("shared", 1, {}), ("split", cores, ONE_THREAD)):
        figures = run(args, processes, env)
        totals[name] = sum(f["images_per_s"] for f in figures)
        for f in figures:
            print(f"{name}: {f['images_per_s']:.1f} images/s, "
                  f"{f['cpu_per_wall']:.2f} CPU s a second", flush=True)
        print(f"{name} in all: {totals[name]:.1f} images/s ({processes} process"
              f"{'es' if processes > 1 else ''})", flush=True)
    print(f"split / shared: {totals['split'] / totals['shared']:.2f}")


if __name__ == "__main__":
    main()
