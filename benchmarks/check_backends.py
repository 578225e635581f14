"""A model trained under one Keras backend, predicted under the others.

For each installed backend (tensorflow, jax, torch) a subprocess fits a
small ``CNN2Classifier`` on the bundled sample and saves it with
``skfer.models.strip_for_shipping``; every installed backend then loads
each file and predicts 300 sample images. Prints the largest difference from
the training backend's own probabilities. Backends that are not installed
are skipped and named.

    python benchmarks/check_backends.py
"""

import importlib.util
import os
import subprocess
import sys
import tempfile
from pathlib import Path

BACKENDS = ("tensorflow", "jax", "torch")

FIT = """
import joblib, numpy as np
from skfer.datasets import load_fer2013_sample
from skfer.keras import CNN2Classifier
from skfer.models import strip_for_shipping
fer = load_fer2013_sample()
clf = CNN2Classifier(width=8, epochs=1, augment=True, random_state=0)
clf.fit(fer.data[:1000], fer.target[:1000])
joblib.dump(strip_for_shipping(clf), "{model}")
"""

PREDICT = """
import numpy as np
from skfer.datasets import load_fer2013_sample
from skfer.models import load_model
np.save("{out}", load_model("{model}").predict_proba(load_fer2013_sample().data[-300:]))
"""


def run(backend, code):
    env = {**os.environ, "KERAS_BACKEND": backend, "TF_CPP_MIN_LOG_LEVEL": "3"}
    done = subprocess.run([sys.executable, "-c", code], env=env,
                          capture_output=True, text=True)
    if done.returncode:
        return done.stderr.strip().splitlines()[-1]
    return None


def main():
    import numpy as np

    installed = [b for b in BACKENDS if importlib.util.find_spec(b)]
    print(f"# python {' '.join(sys.argv)}\n# installed backends: {installed}; "
          f"not installed: {[b for b in BACKENDS if b not in installed]}")
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        for trained in installed:
            model = tmp / f"{trained}.joblib"
            error = run(trained, FIT.format(model=model))
            if error:
                print(f"trained under {trained}: fit failed: {error}")
                continue
            probas = {}
            for used in installed:
                out = tmp / f"{trained}_{used}.npy"
                error = run(used, PREDICT.format(model=model, out=out))
                probas[used] = error or np.load(out)
            own = probas[trained]
            for used, proba in probas.items():
                result = (proba if isinstance(proba, str)
                          else f"max |difference| {np.abs(proba - own).max():.1e}")
                print(f"trained under {trained:<10} predicted under {used:<10} "
                      f"{result}")


if __name__ == "__main__":
    main()
