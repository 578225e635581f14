"""No architecture crashes TensorFlow on an odd last batch.

TensorFlow 2.21's oneDNN CPU kernel corrupts the heap (exit 134/139) when it
computes the gradient of a ``Conv2D(kernel_size=1, strides=2)`` on a batch of
odd size, the usual residual shortcut of ResNet and Xception blocks. skfer's
shortcuts pool first (``skfer.keras._layers.downsample_shortcut``). The fits
run in a subprocess so that a crash fails this test instead of killing
pytest.
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest

import skfer

# Five fits in a new process: `pytest -m 'not slow'` leaves it out.
pytestmark = pytest.mark.slow

SCRIPT = """
import numpy as np
from skfer.keras import (CNN1Classifier, CNN2Classifier, HOGCNNClassifier,
                         ResNetClassifier, TinyXceptionClassifier)
rng = np.random.default_rng(0)
X = rng.integers(0, 256, size=(101, 576), dtype=np.uint8)
y = np.arange(101) % 3
for cls in (CNN1Classifier, CNN2Classifier, ResNetClassifier,
            TinyXceptionClassifier, HOGCNNClassifier):
    # 101 = 6 x 16 + 5: the last training batch has 5 images.
    cls(width=2, epochs=1, batch_size=16, validation_split=0.0,
        image_shape=(24, 24), random_state=0).fit(X, y)
    print(cls.__name__, "ok", flush=True)
"""


def test_odd_last_batch_does_not_crash():
    root = str(Path(skfer.__file__).resolve().parents[1])
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([root, *sys.path]))
    env.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT],
        capture_output=True, text=True, env=env, timeout=600,
    )
    assert result.returncode == 0, (
        f"exit {result.returncode}\n{result.stdout}\n{result.stderr[-3000:]}"
    )
    assert result.stdout.count(" ok") == 5
