#!/usr/bin/env bash
# Download, on a machine with the package registries, the wheels the
# accelerator machine lacks (it has Python 3.12, PyTorch, JAX, NumPy,
# SciPy, scikit-learn, scikit-image and Pillow, but no Keras): into .whl/.
set -euo pipefail
cd "$(dirname "$0")/../.."
pip download -q --only-binary=:all: --python-version 3.12 --no-deps -d .whl \
    -r benchmarks/accelerator/requirements.txt
du -sh .whl
