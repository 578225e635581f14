"""How many validation images of the leak row have a twin in its training set.

``leak-cnn2-7`` follows the report's protocol: all of Training is balanced
by augmentation first, then 10% is split off for validation. An augmented
copy comes from one original image, and that original or another copy of
it can land on the other side of the split. This counts, per class, the
validation images whose original image is also behind a training image:
the network was trained on a near-duplicate of each of them. The
validation set of every honest row is split off before balancing and has
no such twins. It rebuilds the row's split (same seed), trains nothing::

    cd benchmarks && python leak_twins.py

``--model report_runs/leak-cnn2-7/model.joblib`` also scores the row's
finished model on the validation images with a twin and on those without.
"""

import argparse

import numpy as np

from _common import DEFAULT_DATA, command, machine
from _report_rows import LEAK_PAIR, ROWS
from _report_runs import leak_split, load_task
from skfer.datasets import EMOTIONS


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--data", default=DEFAULT_DATA)
    parser.add_argument("--model", default=None,
                        help="a finished model of the row, to score")
    return parser.parse_args()


def main():
    args = parse_args()
    row = next(ROWS[name] for name in LEAK_PAIR if ROWS[name].protocol == "leak")
    print(f"# {command()}\n# {machine()}\n# {row.name}: {row.describe()}")
    task = load_task(str(args.data), row.labels, None, args.seed)
    X, y, sources, fit, val = leak_split(row, task, args.seed)
    copies = np.arange(len(y)) >= len(task.y)
    twinned = np.isin(sources[val], sources[fit])
    print(f"{'class':<10}{'validation':>12}{'copies':>9}{'with a twin':>13}"
          f"{'share':>8}")
    for code, name in [*enumerate(EMOTIONS), (None, "all")]:
        mine = np.ones(len(val), bool) if code is None else y[val] == code
        n, twins = mine.sum(), twinned[mine].sum()
        print(f"{name:<10}{n:>12}{copies[val][mine].sum():>9}{twins:>13}"
              f"{twins / n:>8.1%}")
    if args.model:
        score(args.model, X[val], y[val], twinned)


def score(path, X, y, twinned):
    """Accuracy of a finished model with and without a training twin."""
    from sklearn.metrics import accuracy_score

    from skfer.models import load_model

    predicted = load_model(path).predict(X)
    print(f"\n{path} on the validation images:")
    for label, mine in [("with a twin", twinned), ("without", ~twinned),
                        ("all", np.ones_like(twinned))]:
        accuracy = accuracy_score(y[mine], predicted[mine])
        print(f"{label:<12} {mine.sum():>5} images  accuracy {accuracy:.4f}")


if __name__ == "__main__":
    main()
