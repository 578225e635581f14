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
    return parser.parse_args()


def main():
    args = parse_args()
    row = next(ROWS[name] for name in LEAK_PAIR if ROWS[name].protocol == "leak")
    print(f"# {command()}\n# {machine()}\n# {row.name}: {row.describe()}")
    task = load_task(str(args.data), row.labels, None, args.seed)
    _, y, sources, fit, val = leak_split(row, task, args.seed)
    copies = np.arange(len(y)) >= len(task.y)
    twinned = np.isin(sources[val], sources[fit])
    print(f"{'class':<10}{'validation':>12}{'copies':>9}{'with a twin':>13}"
          f"{'share':>8}")
    for code, name in [*enumerate(EMOTIONS), (None, "all")]:
        mine = np.ones(len(val), bool) if code is None else y[val] == code
        n, twins = mine.sum(), twinned[mine].sum()
        print(f"{name:<10}{n:>12}{copies[val][mine].sum():>9}{twins:>13}"
              f"{twins / n:>8.1%}")


if __name__ == "__main__":
    main()
