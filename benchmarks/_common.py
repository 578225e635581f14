"""Shared bits of the benchmark scripts: data path, machine description."""

import os
import platform
import sys
from pathlib import Path

# The project keeps FER2013 beside the checkout, never inside it.
DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "fer2013"


def machine():
    """One line describing where a benchmark ran."""
    import numpy as np
    import sklearn

    return (
        f"{platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}, numpy {np.__version__}, "
        f"scikit-learn {sklearn.__version__}"
    )


def command():
    """The command line that produced a benchmark's output."""
    return "python " + " ".join(sys.argv)


def load_split(path, labels=7):
    """``(X, y, description)`` of a FER2013 file; ``labels=3`` keeps happy,
    sad and neutral with their FER2013 codes, as everywhere in skfer."""
    from skfer.datasets import THREE_LABELS, load_fer2013, select_labels

    data = load_fer2013(path)
    if labels == 3:
        data = select_labels(data, THREE_LABELS)
    return data.data, data.target, f"{path}: {len(data.target)} images"
