"""Helpers of the bad-input tables (conftest.py holds the fixtures)."""

import numpy as np

from skfer.cli import main
from skfer.datasets import load_fer2013_sample


def tiny_fer(per_class=6):
    """``per_class`` images of each of the 7 classes of the bundled sample."""
    fer = load_fer2013_sample()
    keep = np.concatenate(
        [np.flatnonzero(fer.target == c)[:per_class] for c in range(7)]
    )
    return fer.images[keep], fer.target[keep]


def run(argv, capsys):
    """``(exit status, stdout, stderr)`` of ``skfer argv``; a failure's
    stderr must be exactly one line."""
    try:
        code = main([str(a) for a in argv])
    except SystemExit as exc:  # argparse's own errors
        code = exc.code
    out, err = capsys.readouterr()
    if code != 0:
        assert len(err.strip().splitlines()) == 1, err
        assert err.startswith("skfer") or err.startswith("usage"), err
    return code, out, err


def pickle_of_global(module, name):
    """A protocol-2 pickle of an instance of ``module.name``, as an older or
    foreign skfer layout would leave: unpickling looks the class up."""
    return b"\x80\x02c" + f"{module}\n{name}\n".encode() + b")\x81."


class OpensFile:
    """Unpickling this opens (creates) a file: a harmless stand-in for a
    malicious payload, to show what runs and what does not."""

    def __init__(self, path):
        self.path = str(path)

    def __reduce__(self):
        return (open, (self.path, "w"))
