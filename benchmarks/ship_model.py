"""Choose a trained model's test-time views on validation, score it once on
PublicTest, and write the shipping file.

The views (none, mirror, ten crops) are chosen by accuracy on the model's own
validation split of FER2013 Training (the rows early stopping and the
schedule watched, recomputed from its seed for models fitted before skfer
recorded them), never on PublicTest, which is scored once, with the chosen
views. Prints the images/s of prediction with them. With ``--ferplus`` the
model is one trained on FER+ votes (``train_pretrained.py --ferplus``): views
are chosen by agreement with the crowd's plurality on validation, and
PublicTest is scored against the FER+ crowd.

    python benchmarks/ship_model.py MODEL_FILE [--labels 7 | --ferplus]
        [--data PATH] [--out skfer/pretrained/fer2013_7labels.joblib]
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
from skfer.datasets import load_ferplus  # noqa: E402
from skfer.metrics import (  # noqa: E402
    crowd_cross_entropy,
    evaluation_report,
    majority_accuracy,
)
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


def choose_views(model, X, y, votes=None):
    """The views of best validation accuracy: against ``y``, or against the
    crowd's plurality where ``votes`` are given."""
    scores = {}
    for views in VIEWS:
        model.set_params(test_time_augmentation=views)
        y_pred = model.predict(X)
        scores[views] = float(
            np.mean(y_pred == y) if votes is None
            else majority_accuracy(votes, y_pred)
        )
        print(f"validation accuracy with views={views!r}: {scores[views]:.4f}",
              flush=True)
    best = max(VIEWS, key=lambda v: (scores[v], v is None))
    model.set_params(test_time_augmentation=best)
    return best


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("model", type=Path)
    parser.add_argument("--labels", type=int, choices=(7, 3), default=7)
    parser.add_argument("--ferplus", action="store_true")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args()
    print(f"# {command()}\n# {machine()}", flush=True)
    model = load_model(args.model)
    if args.ferplus:
        X_test = ship_ferplus(model, args.data)
    else:
        X_test = ship_fer2013(model, args.data, args.labels)
    speed = images_per_second(model, X_test[:1024], repeat=3)
    print(f"prediction: {speed:.0f} images/s (batches of {BATCH}, 1,024 images)")
    if args.out:
        save_model(model, args.out, ship=True, overwrite=True)
        print(f"saved {args.out} ({args.out.stat().st_size / 2**20:.1f} MB)")


def ship_fer2013(model, data, labels):
    X, y, _ = load_split(data / "fer2013_train.npz", labels)
    rows = validation_rows(model, y)
    views = choose_views(model, X[rows], y[rows])
    print(f"chosen on {len(rows)} validation images: {views!r}")
    X_test, y_test, described = load_split(data / "fer2013_publictest.npz", labels)
    print(f"\nPublicTest ({described}), views={views!r}:")
    y_pred = model.predict(X_test)
    report = evaluation_report(y_test, y_pred)  # prints itself
    print(f"accuracy {report.accuracy:.4f}, "
          f"macro-F1 {f1_score(y_test, y_pred, average='macro'):.4f}")
    return X_test


def ship_ferplus(model, data):
    # The rows and order train_pretrained.py --ferplus fitted on.
    train = load_ferplus(data / "fer2013_train.npz", keep_ambiguous=True)
    rows = model.validation_indices_
    views = choose_views(model, train.data[rows], None, votes=train.votes[rows])
    print(f"chosen on {len(rows)} validation images (their crowd plurality): "
          f"{views!r}")
    test = load_ferplus(data / "fer2013_publictest.npz", keep_ambiguous=True)
    print(f"\nPublicTest against the FER+ crowd ({len(test.target)} images with "
          f"emotion votes), views={views!r}:")
    proba = model.predict_proba(test.data)
    y_pred = model.classes_[proba.argmax(axis=1)]
    for rule in ("plurality", "majority"):
        print(f"majority accuracy ({rule} rule): "
              f"{majority_accuracy(test.votes, y_pred, rule=rule):.4f}")
    entropy = crowd_cross_entropy(test.votes, proba, labels=model.classes_)
    print(f"crowd cross-entropy {entropy:.4f}")
    # The images with a clear plurality, and their label, are those of
    # load_ferplus's default rule: no second read, no second prediction.
    clear = test.reason == ""
    y_true, y_clear = test.target[clear], y_pred[clear]
    print(f"\nagainst the plurality label ({clear.sum()} images):")
    report = evaluation_report(y_true, y_clear)  # prints itself
    print(f"accuracy {report.accuracy:.4f}, "
          f"macro-F1 {f1_score(y_true, y_clear, average='macro'):.4f}")
    return test.data


if __name__ == "__main__":
    main()
