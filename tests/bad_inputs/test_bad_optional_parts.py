"""Class 7 of issue #15: a missing optional package is one line naming it.

The advertised commands either work after the README's plain install, or
say which package (extra) to install, before any slow work.
"""

import importlib.util
import subprocess
import sys

import pytest
from bad_helpers import pickle_of_global, run

from skfer.models import load_model, save_model


@pytest.fixture
def without(monkeypatch):
    """Make ``import name`` fail, as if the package were not installed."""

    def hide(*names):
        find_spec = importlib.util.find_spec

        def fake_find_spec(name, *args, **kwargs):
            if name.split(".")[0] in names:
                return None
            return find_spec(name, *args, **kwargs)

        monkeypatch.setattr(importlib.util, "find_spec", fake_find_spec)
        for name in list(sys.modules):
            if name.split(".")[0] in names:
                monkeypatch.delitem(sys.modules, name)
        for name in names:
            monkeypatch.setitem(sys.modules, name, None)

    return hide


def test_evaluate_plots_without_matplotlib(without, hog_svm, fer_npz, tmp_path, capsys):
    without("matplotlib")
    argv = ["evaluate", hog_svm, "--data", fer_npz, "--plots", tmp_path / "charts"]
    code, out, err = run(argv, capsys)
    assert code == 1 and "--plots needs matplotlib: pip install 'skfer[plot]'" in err
    assert out == "" and not (tmp_path / "charts").exists()  # before evaluating


def test_plotting_without_matplotlib(without):
    without("matplotlib")
    from skfer.plotting import plot_confusion_matrix

    with pytest.raises(ImportError, match=r"pip install 'skfer\[plot\]'"):
        plot_confusion_matrix([0, 1], [0, 1])


def test_skops_file_without_skops(without, hog_svm, tmp_path, capsys):
    path = save_model(load_model(hog_svm), tmp_path / "model.skops")
    without("skops")
    with pytest.raises(ImportError, match="pip install skops"):
        load_model(path)
    code, _, err = run(["evaluate", path], capsys)
    assert code == 1 and "pip install skops" in err


def test_model_needing_a_missing_package(tmp_path, capsys):
    path = tmp_path / "model.joblib"
    path.write_bytes(pickle_of_global("tensorflow_not_installed.keras", "Model"))
    with pytest.raises(
        ImportError, match="needs the package 'tensorflow_not_installed"
    ):
        load_model(path)
    code, _, err = run(["predict", path, "--model", path], capsys)
    assert code == 1 and "needs the package" in err


@pytest.mark.parametrize(
    "module, absent",
    [
        ("skfer.utils", ("tensorflow", "skops", "matplotlib")),
        ("skfer.datasets", ("tensorflow", "skops", "matplotlib")),
        ("skfer.cli", ("tensorflow", "skops", "matplotlib")),
    ],
)
def test_optional_packages_are_imported_only_when_used(module, absent):
    code = (
        f"import sys, {module}; "
        f"bad = [m for m in {absent!r} if m in sys.modules]; "
        "print(bad); sys.exit(1 if bad else 0)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr[-300:]
