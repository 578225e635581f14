import subprocess
import sys

import pytest


@pytest.mark.parametrize(
    "module",
    [
        "skfer",
        "skfer.datasets",
        "skfer.features",
        "skfer.augment",
        "skfer.over_sampling",
        "skfer.faces",
        "skfer.utils",
        "skfer.ensemble",
        "skfer.metrics",
        "skfer.plotting",
        "skfer.models",
        "skfer.pretrained",
        "skfer.cli",
    ],
)
def test_no_tensorflow_on_import(module):
    code = (
        f"import sys, {module}; "
        "bad = [m for m in ('tensorflow', 'keras', 'scikeras') if m in sys.modules]; "
        "print(', '.join(bad)); sys.exit(1 if bad else 0)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True
    )
    assert result.returncode == 0, (
        f"{module} imported {result.stdout.strip()} {result.stderr[-500:]}"
    )


@pytest.mark.parametrize(
    "module", ["skfer.ensemble", "skfer.metrics", "skfer.plotting", "skfer.cli"]
)
def test_no_matplotlib_on_import(module):
    # Charts import matplotlib when drawn: it is an optional dependency.
    code = f"import sys, {module}; sys.exit('matplotlib' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0


def test_analyze_is_found_without_tensorflow():
    # skfer.analyze loads on first use, and TensorFlow only when it runs.
    code = (
        "import sys, skfer; skfer.analyze, skfer.analyze_video; "
        "import skfer.plotting, skfer.cli._predict; "
        "sys.exit('tensorflow' in sys.modules or 'mtcnn' in sys.modules)"
    )
    assert subprocess.run([sys.executable, "-c", code]).returncode == 0
