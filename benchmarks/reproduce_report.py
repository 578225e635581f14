"""Every experiment of the original FER2013 report, as a named, resumable row.

Rows (``--list`` prints them with their status):

- ``ARCH-LABELS-VARIANT`` for the five architectures (cnn1, cnn2, resnet,
  tiny-xception, hog-cnn), the 7- and 3-label tasks, and three variants:
  ``honest`` (no balancing), ``balanced`` (every class augmented up to the
  largest) and ``disgust5470`` (the report's variant: disgust augmented up to
  5,470 images; 7 labels only). Balancing runs inside an imbalanced-learn
  pipeline, on the training part of Training only.
- ``leak-cnn2-7``: the report's protocol beside ``cnn2-7-balanced``: all of
  Training balanced first, the validation set split from the balanced
  images, same model, recipe and epochs.
- ``ensemble5-7-{hard,soft,weighted}`` over the five ``ARCH-7-honest`` rows,
  and ``ensemble-cnn2-hogcnn-7-{hard,soft,weighted}`` over CNN_2 and
  HOG-CNN, the report's two ensembles; weights learned on the validation
  split of Training.

Every training row uses ``RECIPE`` (``_report_rows.py``), trains on
Training minus a stratified 10% validation split (seed ``--seed``) until its
cosine schedule ends after ``--epochs`` epochs, chooses its test-time views
on that validation split, and is scored once on PublicTest: accuracy,
macro-F1, wrong count and the per-class report, written to
``report_runs/<row>/result.json`` beside the report's own figure.

A row saves a checkpoint at every epoch; ``--time-budget`` stops after the
first epoch that ends past it, and running the row again resumes it exactly.
``kill -TERM PID`` stops it the same way, after the epoch under way.
A finished row is not retrained. ``--table`` prints the results page's table
from the result files; ``--epoch-times`` prints how long each row's
epochs took, from its committed logs in ``logs/``.

    python benchmarks/reproduce_report.py --list
    python benchmarks/reproduce_report.py ROW [ROW ...] [--time-budget SECONDS]
        [--epochs 60] [--width W] [--limit N] [--seed 0] [--data PATH]
        [--runs DIR]
    python benchmarks/reproduce_report.py --table [--runs DIR]
    python benchmarks/reproduce_report.py --epoch-times [ROW ...]

On a CPU of few cores, two rows side by side, each held to one thread,
train more images a second in all than one row on every core (CNN_2 on 2
cores: 1.25x in ``bench_threads.py``, 1.08x to 1.11x for two full rows)::

    TF_NUM_INTRAOP_THREADS=1 TF_NUM_INTEROP_THREADS=1 \\
        python benchmarks/reproduce_report.py ROW1 &
    TF_NUM_INTRAOP_THREADS=1 TF_NUM_INTEROP_THREADS=1 \\
        python benchmarks/reproduce_report.py ROW2 &

ROW may be a shell-style pattern ('cnn2-*', '*-7-honest', '*'); rows run in
``--list``'s order, whatever order they are named in. ``--limit N``
keeps a stratified N images of Training and of PublicTest, with ``--epochs
1 --width 4`` for trying the script in minutes (use another ``--runs``).
"""

import argparse
import difflib
import fnmatch
import os
import time

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

from _common import DEFAULT_DATA, command, machine  # noqa: E402
from _report_rows import ROWS  # noqa: E402
from _report_state import DATA_OPTIONS, DEFAULTS, RUNS, RunFolder  # noqa: E402
from _report_state import command as row_command  # noqa: E402


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("rows", nargs="*", metavar="ROW",
                        help="row names or shell patterns ('cnn2-*'); they "
                        "run in --list's order, whatever order they are "
                        "named in")
    what = parser.add_mutually_exclusive_group()
    what.add_argument("--list", action="store_true",
                      help="print every row with its status")
    what.add_argument("--table", action="store_true",
                      help="print the results table (reStructuredText)")
    what.add_argument("--epoch-times", action="store_true",
                      help="print each row's epoch times, from its logs")
    parser.add_argument("--time-budget", type=float, default=None,
                        metavar="SECONDS",
                        help="stop after the first epoch that ends past this "
                        "many seconds of the whole run; rerun to resume")
    parser.add_argument("--epochs", type=positive, default=DEFAULTS["epochs"])
    parser.add_argument("--width", type=positive, default=None)
    parser.add_argument("--limit", type=positive, default=None,
                        help="a stratified N images of each split (trials)")
    parser.add_argument("--seed", type=int, default=DEFAULTS["seed"])
    parser.add_argument("--data", default=DEFAULT_DATA)
    parser.add_argument("--runs", default=RUNS,
                        help="folder of the rows' files (default: %(default)s)")
    args = parser.parse_args()
    if not (args.list or args.table or args.epoch_times or args.rows):
        parser.error("name rows to run, or give --list, --table or "
                     "--epoch-times")
    return args


def positive(text):
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {value}")
    return value


def select(patterns):
    """The rows named or matched by ``patterns``, in ``ROWS``' order."""
    chosen = set()
    for pattern in patterns:
        found = fnmatch.filter(ROWS, pattern)
        if not found:
            close = difflib.get_close_matches(pattern, ROWS, n=3)
            raise SystemExit(f"No row {pattern!r}; close names: {close}. "
                             f"--list prints them all.")
        chosen.update(found)
    return [row for name, row in ROWS.items() if name in chosen]


def print_list(rows, runs):
    width = max(len(row.name) for row in rows)
    for row in rows:
        print(f"{row.name:<{width}}  {RunFolder(runs, row).status()}")


def run(rows, args):
    from _report_runs import load_task, train, vote

    settings = {key: getattr(args, key) for key in DEFAULTS}
    print(f"# {command()}\n# {machine()}", flush=True)
    start = time.perf_counter()
    for row in rows:
        folder = RunFolder(args.runs, row)
        if folder.result() is not None:
            print(f"{row.name}: done, not retrained ({folder.status()})")
            continue
        if row.is_ensemble and folder.missing_members():
            print(f"{row.name}: {folder.status()}")
            continue
        left = None
        if args.time_budget is not None:
            left = args.time_budget - (time.perf_counter() - start)
            if left <= 0:
                print(f"time budget spent: {row.name} and the rows after it "
                      f"wait for the next run")
                return
        mine = settings
        if row.is_ensemble:
            mine = {**DEFAULTS, **{k: settings[k] for k in DATA_OPTIONS}}
            folder.check_members(mine)
        folder.start(mine)
        print(f"\n## {row_command(row, mine)}", flush=True)
        task = load_task(args.data, row.labels, args.limit, args.seed)
        if row.is_ensemble:
            vote(row, folder, task, mine)
        elif not train(row, folder, task, mine, left):
            print(f"stopped early (time budget or SIGTERM): run {row.name} "
                  f"again to resume it")
            return


def main():
    args = parse_args()
    rows = select(args.rows) if args.rows else list(ROWS.values())
    if args.list:
        print_list(rows, args.runs)
    elif args.table:
        from _report_table import print_table

        print_table(rows, args.runs)
    elif args.epoch_times:
        from _report_logs import print_epoch_times

        print_epoch_times(rows)
    else:
        run(rows, args)


if __name__ == "__main__":
    main()
