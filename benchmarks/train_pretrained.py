"""Train the model shipped as ``skfer.pretrained.load("fer2013")``.

Trains on FER2013 Training only (early stopping and the learning-rate
schedule watch a stratified 10% validation split of Training), reports on
PublicTest, then writes the package file without the optimizer state.

    python benchmarks/train_pretrained.py [--model cnn2] [--labels 7]
        [--augment] [--epochs 60] [--seed 0] [--data PATH] [--out FILE]
        [--resume FILE]
"""

import argparse
import os
import time
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

import joblib  # noqa: E402
import numpy as np  # noqa: E402
from sklearn.metrics import f1_score  # noqa: E402

from _common import DEFAULT_DATA, command, machine  # noqa: E402
from skfer.cli import build_model  # noqa: E402
from skfer.cli._data import load_data  # noqa: E402
from skfer.metrics import evaluation_report  # noqa: E402
from skfer.pretrained import strip_for_shipping  # noqa: E402
from skfer.utils import load_model  # noqa: E402

PACKAGE = Path(__file__).resolve().parents[1] / "skfer" / "pretrained"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default="cnn2")
    parser.add_argument("--labels", type=int, choices=(7, 3), default=7)
    parser.add_argument("--augment", action="store_true")
    parser.add_argument("--epochs", type=int, default=60)
    parser.add_argument("--width", type=int, default=None)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--data", default=DEFAULT_DATA)
    parser.add_argument("--out", default=None)
    parser.add_argument(
        "--resume",
        default=None,
        metavar="FILE",
        help="train a saved model further (its own settings)",
    )
    args = parser.parse_args()
    out = Path(args.out or PACKAGE / f"fer2013_{args.labels}labels.joblib")

    print(f"# {command()}\n# {machine()}", flush=True)
    X, y, described = load_data(
        Path(args.data) / "fer2013_train.npz", labels=args.labels
    )
    X_test, y_test, test_described = load_data(
        Path(args.data) / "fer2013_publictest.npz", labels=args.labels
    )
    print(f"train: {described}\ntest: {test_described}", flush=True)
    if args.resume:
        # Same seed, so the same validation split; a fresh optimizer.
        model = load_model(args.resume)
        model.set_params(warm_start=True, epochs=args.epochs)
    else:
        model = build_model(
            args.model,
            augment=args.augment,
            epochs=args.epochs,
            width=args.width,
            random_state=args.seed,
        )
    model.set_params(verbose=2)
    start = time.perf_counter()
    model.fit(X, y)
    seconds = time.perf_counter() - start
    if args.resume:
        # scikeras leaves classes_ unset after a warm-started fit.
        model.set_params(warm_start=False)
        model.classes_ = model.target_encoder_.classes_
    epochs = len(model.history_["loss"])
    best = int(np.argmin(model.history_["val_loss"])) + 1
    print(f"\nPublicTest report ({args.model}, {args.labels} labels):")
    y_pred = model.predict(X_test)
    report = evaluation_report(y_test, y_pred)
    macro_f1 = f1_score(y_test, y_pred, average="macro")
    print(
        f"accuracy {report.accuracy:.4f}, macro-F1 {macro_f1:.4f}, "
        f"parameters {model.model_.count_params()}, epochs {epochs} "
        f"(best {best}), {seconds:.0f} s, {seconds / epochs:.1f} s/epoch"
    )
    joblib.dump(strip_for_shipping(model), out, compress=3)
    print(f"saved {out} ({out.stat().st_size / 2**20:.1f} MB)")


if __name__ == "__main__":
    main()
