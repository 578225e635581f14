"""A row of ``reproduce_report.py`` resumes only the network the code builds."""

from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("tensorflow")

from skfer.models import build_model  # noqa: E402

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"


@pytest.fixture
def check_same_network(monkeypatch):
    monkeypatch.syspath_prepend(str(BENCHMARKS))
    from _report_runs import check_same_network

    return check_same_network


def _data():
    rng = np.random.default_rng(0)
    return rng.integers(0, 256, (7, 48 * 48)), np.arange(7)


def _initialized(width):
    X, y = _data()
    clf = build_model("cnn1", width=width)
    clf.initialize(X, y)
    return clf


def test_the_same_network_resumes(check_same_network):
    X, y = _data()
    check_same_network(_initialized(4), build_model("cnn1", width=4), X, y,
                       Path("runs/row/checkpoint.joblib"))


def test_a_changed_network_stops_the_row(check_same_network):
    X, y = _data()
    with pytest.raises(SystemExit, match="architecture changed.*Delete runs/row"):
        check_same_network(_initialized(4), build_model("cnn1", width=8), X, y,
                           Path("runs/row/checkpoint.joblib"))
