"""
=====================================
Saving and loading a fitted pipeline
=====================================

A fitted skfer pipeline is a plain Python object: :func:`joblib.dump` writes
it to a file and :func:`joblib.load` reads it back, ready to predict. Keras
classifiers are saved the same way (scikeras stores the network inside the
pickle). Only load files you trust: loading a pickle can run code.

Both models below are fitted on the 2,000-image sample bundled with skfer.
"""

# %%
# A HOG pipeline
# --------------
import tempfile
from pathlib import Path

import joblib
import numpy as np
from imblearn.pipeline import make_pipeline
from sklearn.linear_model import RidgeClassifier
from sklearn.preprocessing import StandardScaler

from skfer.datasets import load_fer2013_sample
from skfer.features import HOGTransformer
from skfer.over_sampling import AugmentingOversampler

fer = load_fer2013_sample()
model = make_pipeline(
    AugmentingOversampler(random_state=0),
    HOGTransformer(),
    StandardScaler(),
    RidgeClassifier(alpha=1000),
).fit(fer.data, fer.target)

folder = Path(tempfile.mkdtemp())
path = folder / "hog_ridge.joblib"
joblib.dump(model, path)
loaded = joblib.load(path)
print(f"{path.name}: {path.stat().st_size / 1024:.0f} KiB")
print("same predictions after loading:",
      np.array_equal(model.predict(fer.data), loaded.predict(fer.data)))

# %%
# A Keras classifier
# ------------------
# Trained for one epoch only: this shows saving, not a useful network.
from skfer.keras import CNN1Classifier

cnn = CNN1Classifier(width=4, epochs=1, random_state=0).fit(fer.data, fer.target)
path = folder / "cnn1.joblib"
joblib.dump(cnn, path)
loaded = joblib.load(path)
print(f"{path.name}: {path.stat().st_size / 1024:.0f} KiB")
print("same probabilities after loading:",
      np.allclose(cnn.predict_proba(fer.data[:100]),
                  loaded.predict_proba(fer.data[:100])))
