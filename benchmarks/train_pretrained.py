"""Train the model shipped as ``skfer.pretrained.load("fer2013")``.

Trains on FER2013 Training only (early stopping and the learning-rate
schedule watch a stratified 10% validation split of Training), reports on
PublicTest, then writes the package file without the optimizer state.

    python benchmarks/train_pretrained.py [--model cnn2] [--labels 7]
        [--augment] [--epochs 60] [--width W] [--batch-size 64] [--seed 0]
        [--patience 8] [--lr-patience 3]
        [--time-budget SECONDS] [--data PATH] [--no-report] [--out FILE]
        [--set PARAM=VALUE ...] [--checkpoint FILE] [--resume FILE]

``--set`` passes any estimator parameter (``--set lr_schedule=cosine
--set optimizer__momentum=0.9``). With ``--checkpoint`` the run saves itself
at every epoch; ``--resume`` of that file continues it exactly (optimizer
state, schedule position, averaged weights), up to its ``epochs`` in all.
``--resume`` of a shipped file (no optimizer) trains it ``--epochs`` more.

Any Keras backend trains it (``KERAS_BACKEND=jax`` or ``torch``), and the
saved file loads under any of them. With ``--augment`` under JAX on a GPU,
Keras' augmentation layers take most of each step: see the results page.
"""

import argparse
import ast
import os
import time
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

import numpy as np  # noqa: E402
from sklearn.metrics import f1_score  # noqa: E402

from _common import DEFAULT_DATA, command, load_split, machine  # noqa: E402
from _keras_common import TimeBudget, add_time_budget_argument, backend  # noqa: E402
from skfer.datasets import load_ferplus  # noqa: E402
from skfer.metrics import (  # noqa: E402
    crowd_cross_entropy,
    evaluation_report,
    majority_accuracy,
)
from skfer.models import build_model, load_model, save_model  # noqa: E402

PACKAGE = Path(__file__).resolve().parents[1] / "skfer" / "pretrained"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default="cnn2")
    parser.add_argument("--labels", type=int, choices=(7, 3), default=7)
    parser.add_argument(
        "--ferplus",
        action="store_true",
        help="train on the FER+ crowd: majority names as y, the vote "
        "distributions as soft targets (the 7-label files' FER+ votes)",
    )
    parser.add_argument("--augment", action="store_true")
    parser.add_argument("--epochs", type=int, default=60)
    parser.add_argument("--width", type=int, default=None)
    parser.add_argument("--batch-size", type=int, default=None, help="default 64")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--patience", type=int, default=None, help="default 8")
    parser.add_argument("--lr-patience", type=int, default=None, help="default 3")
    add_time_budget_argument(parser)
    parser.add_argument(
        "--no-report",
        action="store_true",
        help="skip the PublicTest report (when --data has no PublicTest file)",
    )
    parser.add_argument("--data", default=DEFAULT_DATA)
    parser.add_argument("--out", default=None)
    parser.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="PARAM=VALUE",
        help="an estimator parameter (a Python literal, else a string)",
    )
    parser.add_argument(
        "--checkpoint", default=None, metavar="FILE", help="save every epoch here"
    )
    parser.add_argument(
        "--resume",
        default=None,
        metavar="FILE",
        help="train a saved model further (its own settings, and the learning "
        "rate of its last epoch)",
    )
    args = parser.parse_args()
    name = "ferplus" if args.ferplus else f"fer2013_{args.labels}labels"
    out = Path(args.out or PACKAGE / f"{name}.joblib")

    print(f"# {command()}\n# {machine()}\n# {backend()}", flush=True)
    X, y, soft, described = training_data(args)
    print(f"train: {described}", flush=True)
    if args.resume:
        model = load_model(args.resume).set_params(warm_start=True)
        if model.model_.optimizer is None:
            # A shipped file: same seed, so the same validation split; a
            # fresh optimizer at the learning rate of its last epoch.
            model.set_params(
                epochs=len(model.history_["loss"]) + args.epochs,
                optimizer__learning_rate=float(model.history_["learning_rate"][-1]),
            )
    else:
        model = build_model(
            args.model,
            augment=args.augment,
            epochs=args.epochs,
            width=args.width,
            random_state=args.seed,
        )
    # Options left out keep the model's own values (the class defaults for
    # a new model, the saved ones with --resume).
    given = dict(
        batch_size=args.batch_size,
        patience=args.patience,
        lr_patience=args.lr_patience,
        checkpoint=args.checkpoint,
    )
    given = {k: v for k, v in given.items() if v is not None}
    model.set_params(verbose=2, **given, **dict(map(parse_param, args.set)))
    print(f"model: {model!r}", flush=True)
    if args.time_budget is not None:
        model.set_params(callbacks=[TimeBudget(args.time_budget)])
    start = time.perf_counter()
    model.fit(X, y, target_distribution=soft)
    seconds = time.perf_counter() - start
    if args.resume:
        # scikeras leaves classes_ unset after a warm-started fit.
        model.set_params(warm_start=False)
        model.classes_ = model.target_encoder_.classes_
    epochs = len(model.history_["loss"])
    best = int(np.argmin(model.history_["val_loss"])) + 1
    print(
        f"parameters {model.model_.count_params()}, epochs {epochs} "
        f"(best {best}), {seconds:.0f} s, {seconds / epochs:.1f} s/epoch",
        flush=True,
    )
    save_model(model, out, ship=True, overwrite=True)
    print(f"saved {out} ({out.stat().st_size / 2**20:.1f} MB)", flush=True)
    if not args.no_report and args.ferplus:
        report_ferplus(model, Path(args.data))
    elif not args.no_report:
        report_public_test(model, Path(args.data), args)


def training_data(args):
    """``(X, y, soft targets or None, description)`` of FER2013 Training."""
    path = Path(args.data) / "fer2013_train.npz"
    if not args.ferplus:
        X, y, described = load_split(path, args.labels)
        return X, y, None, described
    # Ties and unknown pluralities too: their votes are still a target.
    data = load_ferplus(path, keep_ambiguous=True)
    # fit wants the columns in the order of np.unique(y), FER+ gives its own.
    order = [list(data.target_names).index(c) for c in np.unique(data.target)]
    described = (f"{path} with FER+ votes: {len(data.target)} images "
                 f"({dict(data.dropped)} left out)")
    return data.data, data.target, data.distribution[:, order], described


def report_ferplus(model, data):
    test = load_ferplus(data / "fer2013_publictest.npz", keep_ambiguous=True)
    print(f"\nPublicTest against the FER+ crowd ({len(test.target)} images with "
          f"emotion votes):")
    proba = model.predict_proba(test.data)
    y_pred = model.classes_[proba.argmax(axis=1)]
    entropy = crowd_cross_entropy(test.votes, proba, labels=model.classes_)
    print(f"majority accuracy (plurality rule) "
          f"{majority_accuracy(test.votes, y_pred):.4f}, "
          f"(FER+ reader's rule) "
          f"{majority_accuracy(test.votes, y_pred, rule='majority'):.4f}, "
          f"crowd cross-entropy {entropy:.4f}")


def parse_param(text):
    name, _, value = text.partition("=")
    try:
        return name, ast.literal_eval(value)
    except (ValueError, SyntaxError):
        return name, value


def report_public_test(model, data, args):
    X_test, y_test, described = load_split(data / "fer2013_publictest.npz", args.labels)
    print(f"\nPublicTest report ({args.model}, {args.labels} labels), {described}:")
    y_pred = model.predict(X_test)
    report = evaluation_report(y_test, y_pred)  # prints itself
    print(
        f"accuracy {report.accuracy:.4f}, "
        f"macro-F1 {f1_score(y_test, y_pred, average='macro'):.4f}"
    )


if __name__ == "__main__":
    main()
