"""How much of PublicTest a model has seen, and how far humans agree with it.

FER2013 repeats some Training images in PublicTest, pixel for pixel
(:func:`skfer.datasets.duplicated_in`). This scores the shipped models
(``skfer.pretrained.load``, as it returns them) on all of PublicTest, on
the repeated images and on the rest, side by side. For scale it also scores
the FER+ crowd: the majority of ten votes per image (argmax over FER+'s ten
columns, ties to the first; "contempt", "unknown" and "not a face" count as
wrong) against the FER2013 label.

    PYTHONPATH=. python benchmarks/publictest_overlap.py [--data PATH]
"""

import argparse
import os
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

import numpy as np  # noqa: E402
from sklearn.metrics import accuracy_score, f1_score  # noqa: E402

from _common import DEFAULT_DATA, command, machine  # noqa: E402
from skfer.datasets import (  # noqa: E402
    THREE_LABELS,
    duplicated_in,
    emotion_code,
    load_fer2013,
)

# FER+ columns in FER2013 codes; -1 for the three FER2013 lacks.
FERPLUS_TO_FER2013 = np.array([6, 3, 5, 4, 0, 1, 2, -1, -1, -1])


def crowd_majority(path):
    """FER2013 code of each image's FER+ majority vote; -2 where none voted."""
    votes = np.load(path)["votes"]
    majority = FERPLUS_TO_FER2013[np.argmax(votes, axis=1)]
    return np.where(votes.min(axis=1) < 0, -2, majority)


def scores(name, y_true, y_pred, seen):
    """One row per part: all of PublicTest, the images seen in Training, the rest."""
    for part, mask in [("all", slice(None)), ("in Training", seen),
                       ("not in Training", ~seen)]:
        t, p = y_true[mask], y_pred[mask]
        print(f"{name:<26} {part:<16} {len(t):>5} {accuracy_score(t, p):>9.4f} "
              f"{f1_score(t, p, average='macro'):>9.4f}")


def twin_labels_agree(train, test, seen):
    """Share of repeated test images whose label is among their twins' labels."""
    labels = {}
    for row, label in zip(map(bytes, train.data), train.target):
        labels.setdefault(row, set()).add(label)
    twins = [labels[bytes(image)] for image in test.data[seen]]
    return np.mean([y in twin for y, twin in zip(test.target[seen], twins)])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    args = parser.parse_args()
    print(command())
    print(machine())

    from skfer.pretrained import load

    train = load_fer2013(args.data / "fer2013_train.npz")
    test = load_fer2013(args.data / "fer2013_publictest.npz")
    seen = duplicated_in(test.data, train.data)
    print(f"PublicTest images also in Training: {seen.sum()} of {len(seen)} "
          f"({len(np.unique(test.data[seen], axis=0))} distinct); their "
          f"PublicTest label is one of their Training labels for "
          f"{twin_labels_agree(train, test, seen):.1%}\n")
    print(f"{'predictor':<26} {'PublicTest':<16} {'n':>5} "
          f"{'accuracy':>9} {'macro-F1':>9}")

    crowd = crowd_majority(args.data / "ferplus_publictest.npz")
    voted = crowd != -2
    scores("FER+ crowd majority", test.target[voted], crowd[voted], seen[voted])
    scores("shipped, 7 labels", test.target, load("fer2013").predict(test.data), seen)

    # The 3-label model keeps the FER2013 codes of happy, sad and neutral.
    three = np.isin(test.target, [emotion_code(n) for n in THREE_LABELS])
    pred3 = load("fer2013", labels=3).predict(test.data[three])
    scores("shipped, 3 labels", test.target[three], pred3, seen[three])


if __name__ == "__main__":
    main()
