"""Choose a trained model's test-time views on validation, score it once on
PublicTest, and write the shipping file.

The views (none, mirror, ten crops) are chosen by accuracy on the model's own
validation split of FER2013 Training (the rows early stopping and the
schedule watched, recomputed from its seed for models fitted before skfer
recorded them), never on PublicTest, which is scored once, with the chosen
views. Prints the images/s of prediction with them.

    python benchmarks/ship_model.py MODEL_FILE [--labels 7] [--data PATH]
        [--out skfer/pretrained/fer2013_7labels.joblib]
"""

import argparse
import os
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

import numpy as np  # noqa: E402
from sklearn.metrics import f1_score  # noqa: E402
from sklearn.model_selection import train_test_split  # noqa: E402

from _common import DEFAULT_DATA, command, load_split, machine  # noqa: E402
from bench_inference import BATCH, images_per_second  # noqa: E402
from skfer.metrics import evaluation_report  # noqa: E402
from skfer.models import load_model, save_model  # noqa: E402

VIEWS = (None, "flip", "ten-crop")


def validation_rows(model, y):
    rows = getattr(model, "validation_indices_", None)
    if rows is not None:
        return rows
    # The split BaseFERClassifier draws: stratified, seeded by random_state.
    _, rows = train_test_split(
        np.arange(len(y)), test_size=model.validation_split,
        random_state=model.random_state, stratify=y,
    )
    return np.sort(rows)


def choose_views(model, X, y):
    scores = {}
    for views in VIEWS:
        model.set_params(test_time_augmentation=views)
        scores[views] = float(np.mean(model.predict(X) == y))
        print(f"validation accuracy with views={views!r}: {scores[views]:.4f}",
              flush=True)
    best = max(VIEWS, key=lambda v: (scores[v], v is None))
    model.set_params(test_time_augmentation=best)
    return best


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("model", type=Path)
    parser.add_argument("--labels", type=int, choices=(7, 3), default=7)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    print(f"# {command()}\n# {machine()}", flush=True)
    model = load_model(args.model)
    X, y, _ = load_split(args.data / "fer2013_train.npz", args.labels)
    rows = validation_rows(model, y)
    views = choose_views(model, X[rows], y[rows])
    print(f"chosen on {len(rows)} validation images: {views!r}")
    X_test, y_test, described = load_split(
        args.data / "fer2013_publictest.npz", args.labels
    )
    print(f"\nPublicTest ({described}), views={views!r}:")
    y_pred = model.predict(X_test)
    report = evaluation_report(y_test, y_pred)  # prints itself
    print(f"accuracy {report.accuracy:.4f}, "
          f"macro-F1 {f1_score(y_test, y_pred, average='macro'):.4f}")
    speed = images_per_second(model, X_test[:1024], repeat=3)
    print(f"prediction: {speed:.0f} images/s (batches of {BATCH}, 1,024 images)")
    if args.out:
        save_model(model, args.out, ship=True, overwrite=True)
        print(f"saved {args.out} ({args.out.stat().st_size / 2**20:.1f} MB)")


if __name__ == "__main__":
    main()
