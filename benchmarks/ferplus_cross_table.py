"""FER2013- and FER+-trained models scored on PublicTest against both label sets.

Each model is scored on the FER2013 labels of PublicTest (3,589 images) and
against the FER+ crowd majority of the same images
(:func:`skfer.datasets.load_ferplus`), under the plurality rule (the most
voted category is unique and an emotion) and under FER+'s own reader's rule
(single votes dropped, more than half of the rest): accuracy, macro-F1 and,
for models whose classes are the FER+ names, the cross-entropy of their
probabilities against the crowd's vote distributions
(:func:`skfer.metrics.crowd_cross_entropy`).

Labels are compared as FER+ names. A FER2013 model's codes are renamed by
:func:`skfer.datasets.fer2013_to_ferplus`: angry -> anger, disgust ->
disgust, fear -> fear, happy -> happiness, sad -> sadness, surprise ->
surprise, neutral -> neutral. Contempt has no FER2013 counterpart, so a
FER2013 model never predicts it (its contempt F1, counted in the FER+
macro-F1 over eight classes, is 0), and a FER+ model's contempt
predictions are wrong against FER2013 labels (whose macro-F1 is over the
seven others). A FER+ model's cross-entropy is also given over every image
with emotion votes, the unclear ones included. For scale, the FER2013
label itself is scored against the FER+ majority too.

    PYTHONPATH=. python benchmarks/ferplus_cross_table.py [--data PATH]
        [--pretrained fer2013 ...] [--models a.joblib ...]

Without ``--models`` or ``--pretrained`` it scores ``skfer.pretrained.load
("fer2013")``.
"""

import argparse
import os
import time
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

import numpy as np  # noqa: E402
from sklearn.metrics import accuracy_score, f1_score  # noqa: E402

from _common import DEFAULT_DATA, command, machine  # noqa: E402
from skfer.datasets import (  # noqa: E402
    EMOTIONS,
    FERPLUS_EMOTIONS,
    fer2013_to_ferplus,
    load_fer2013,
    load_ferplus,
)
from skfer.metrics import crowd_cross_entropy  # noqa: E402

RULES = {"plurality": "FER+ majority, plurality rule",
         "majority": "FER+ majority, FER+ reader's rule"}


def load_models(args):
    """(name, fitted model) pairs from --pretrained names and --models files."""
    from skfer.models import load_model
    from skfer.pretrained import load

    names = args.pretrained or ([] if args.models else ["fer2013"])
    models = [(f"pretrained {name}", load(name)) for name in names]
    return models + [(Path(path).stem, load_model(path)) for path in args.models]


def label_set(model):
    """"fer2013" for FER2013 codes, "ferplus" for FER+ names, else an error."""
    classes = np.asarray(model.classes_)
    if classes.dtype.kind in "iu" and set(classes.tolist()) <= set(range(7)):
        return "fer2013"
    if classes.dtype.kind in "UO" and set(classes.tolist()) <= set(FERPLUS_EMOTIONS):
        return "ferplus"
    raise SystemExit(
        f"classes_ {classes.tolist()} are neither FER2013 codes 0..6 nor FER+ "
        f"names {list(FERPLUS_EMOTIONS)}."
    )


def predict(model, X, kind):
    """Predicted FER+ names and, for a FER+ model, its probabilities."""
    y_pred = model.predict(X)
    if kind == "fer2013":
        return fer2013_to_ferplus(y_pred), None
    return np.asarray(y_pred).astype(str), model.predict_proba(X)


def row(model_name, label_name, y_true, y_pred, labels, loss=None):
    f1 = f1_score(y_true, y_pred, labels=labels, average="macro", zero_division=0)
    loss = "n/a" if loss is None else f"{loss:.4f}"
    print(f"{model_name:<30} {label_name:<36} {len(y_true):>5} "
          f"{accuracy_score(y_true, y_pred):>9.4f} {f1:>9.4f} {loss:>13}")


def loss_row(n, loss):
    print(f"{'':<30} {'FER+ votes, every voted image':<36} {n:>5} {'':>9} "
          f"{'':>9} {loss:>13.4f}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--pretrained", nargs="*", default=[],
                        help="names for skfer.pretrained.load")
    parser.add_argument("--models", nargs="*", default=[],
                        help="joblib files of fitted models")
    args = parser.parse_args()
    print(command())
    print(machine())

    fer = load_fer2013(args.data / "fer2013_publictest.npz")
    fer_names = fer2013_to_ferplus(fer.target)
    plus_file = args.data / "ferplus_publictest.npz"
    # keep_ambiguous keeps every image with emotion votes, the same ones for
    # both rules, so one prediction serves both; reason marks the unclear.
    crowd = {rule: load_ferplus(plus_file, rule=rule, keep_ambiguous=True)
             for rule in RULES}
    voted = crowd["plurality"]
    assert np.array_equal(voted.data, crowd["majority"].data)
    print(f"PublicTest: {len(fer.target)} images with FER2013 labels, "
          f"{len(voted.target)} with FER+ emotion votes; clear FER+ majority: "
          + ", ".join(f"{(c.reason == '').sum()} ({rule} rule)"
                      for rule, c in crowd.items()))
    print("FER2013 codes as FER+ names: "
          + ", ".join(f"{a}->{b}" for a, b in zip(EMOTIONS, fer2013_to_ferplus(
              np.arange(7)))) + "; contempt has no FER2013 counterpart\n")
    print(f"{'model':<30} {'labels':<36} {'n':>5} {'accuracy':>9} "
          f"{'macro-F1':>9} {'cross-entropy':>13}")

    # FER2013's one annotator as a predictor of the crowd, for scale.
    annotator = fer2013_to_ferplus(voted.fer2013_target)
    for rule, label_name in RULES.items():
        clear = crowd[rule].reason == ""
        row("FER2013 label itself" if rule == "plurality" else "", label_name,
            crowd[rule].target[clear], annotator[clear], list(FERPLUS_EMOTIONS))

    fer_labels = list(fer2013_to_ferplus(np.arange(7)))
    for name, model in load_models(args):
        start = time.perf_counter()
        kind = label_set(model)
        on_fer, _ = predict(model, fer.data, kind)
        row(f"{name} ({kind})", "FER2013 labels", fer_names, on_fer, fer_labels)
        on_voted, proba = predict(model, voted.data, kind)
        for rule, label_name in RULES.items():
            clear = crowd[rule].reason == ""
            loss = None if proba is None else crowd_cross_entropy(
                voted.votes[clear], proba[clear], labels=model.classes_)
            row("", label_name, crowd[rule].target[clear], on_voted[clear],
                list(FERPLUS_EMOTIONS), loss)
        if proba is not None:
            loss_row(len(proba), crowd_cross_entropy(
                voted.votes, proba, labels=model.classes_))
        print(f"{'':<30} ({time.perf_counter() - start:.0f} s)")


if __name__ == "__main__":
    main()
