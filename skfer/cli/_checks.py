"""Checks of the command line's inputs and outputs, before any slow work.

Training takes minutes to hours: an output that cannot be written, or that
would overwrite something, is refused before the data are even read.
"""

import argparse
import importlib.util
import os
from pathlib import Path

#: Files ``skfer evaluate --plots DIR`` writes.
PLOT_FILES = ("confusion_matrix.png", "class_distribution.png")


class UsageError(Exception):
    """A bad option or output path: exit status 2, like argparse's errors."""


def positive_int(text):
    """argparse type: an integer >= 1."""
    return _int_at_least(text, 1)


def face_side(text):
    """argparse type: a face side in pixels, >= 12 (MTCNN's smallest window)."""
    return _int_at_least(text, 12)


def non_negative_int(text):
    """argparse type: an integer >= 0."""
    return _int_at_least(text, 0)


def _int_at_least(text, low):
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected an integer, got {text!r}") from None
    if value < low:
        raise argparse.ArgumentTypeError(f"must be at least {low}, got {value}")
    return value


def check_train(args):
    """``--data`` exists; ``--out`` is writable, new (or ``--force``), not the data."""
    if args.data is not None and not Path(args.data).exists():
        raise FileNotFoundError(
            f"No FER2013 data at {args.data}: the path does not exist."
        )
    out = Path(args.out)
    if args.data is not None and _same_file(out, Path(args.data)):
        raise UsageError(f"--out {out} is the --data file: it would be overwritten.")
    if out.is_dir():
        raise UsageError(f"--out {out} is a folder; give a file name.")
    if out.exists() and not args.force:
        raise UsageError(f"--out {out} exists; pass --force to overwrite it.")
    _check_writable_folder(out.parent, f"--out {out}", create=False)
    if out.suffix.lower() == ".skops" and args.model != "hog-svm":
        raise UsageError(
            f"--out {out}: only hog-svm can be saved as .skops; a Keras network "
            f"is saved by pickling, so use a .joblib name."
        )


def check_evaluate(args):
    """The model and data exist; ``--plots`` can be written, matplotlib is there."""
    _check_model_file(args.model)
    if args.data is not None and not Path(args.data).exists():
        raise FileNotFoundError(
            f"No FER2013 data at {args.data}: the path does not exist."
        )
    if args.plots is None:
        return
    if importlib.util.find_spec("matplotlib") is None:
        raise ImportError("--plots needs matplotlib: pip install 'skfer[plot]'")
    folder = Path(args.plots)
    if folder.exists() and not folder.is_dir():
        raise UsageError(f"--plots {folder} is a file, not a folder.")
    existing = [name for name in PLOT_FILES if (folder / name).exists()]
    if existing and not args.force:
        raise UsageError(
            f"--plots {folder} already holds {', '.join(existing)}; pass --force "
            f"to overwrite."
        )
    _check_writable_folder(folder, f"--plots {folder}", create=True)


def _check_model_file(path):
    if path is not None and not Path(path).is_file():
        raise FileNotFoundError(f"No model file at {path!r}.")


def _same_file(a, b):
    try:
        return a.exists() and b.exists() and os.path.samefile(a, b)
    except OSError:
        return False


def _check_writable_folder(folder, what, *, create):
    # The nearest folder that exists is where the first file or folder goes.
    existing = folder if folder != Path("") else Path(".")
    while not existing.exists():
        if not create:
            raise UsageError(f"{what}: the folder {folder} does not exist.")
        existing = existing.parent
    if not existing.is_dir():
        raise UsageError(f"{what}: {existing} is a file, not a folder.")
    if not os.access(existing, os.W_OK | os.X_OK):
        raise UsageError(f"{what}: the folder {existing} is not writable.")
