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
