"""
==============================================
The leakage trap: balancing before splitting
==============================================

The original report balanced FER2013 first and split it afterwards. Augmented
copies of an image are near-duplicates of it, so after such a split many
validation images have a twin in the training set, and the validation score
measures partly how well the model remembers its training images. Its
"validation" sets were also the balanced sets (4,377 and 4,588 images), whose
class mix is not FER2013's.

This example cross-validates the same HOG + linear classifier pipeline two
ways on the 2,000-image sample:

* **wrong**: ``AugmentingOversampler().fit_resample(X, y)`` on all the data,
  then cross-validation on the balanced set;
* **right**: the oversampler as the first step of an
  :class:`imblearn.pipeline.Pipeline`, cross-validated on the original data, so
  each training fold is balanced on its own and the validation folds hold only
  untouched originals.
"""

# %%
# Both ways
# ---------
import numpy as np
from imblearn.pipeline import make_pipeline as make_imb_pipeline
from sklearn.linear_model import RidgeClassifier
from sklearn.model_selection import StratifiedKFold, cross_val_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from skfer.datasets import load_fer2013_sample
from skfer.features import HOGTransformer
from skfer.over_sampling import AugmentingOversampler

fer = load_fer2013_sample()
X, y = fer.data, fer.target
cv = StratifiedKFold(n_splits=3, shuffle=True, random_state=0)


def hog_model():
    return make_pipeline(
        HOGTransformer(), StandardScaler(), RidgeClassifier(alpha=1000)
    )


# Wrong: balance everything, then split.
sampler = AugmentingOversampler(random_state=0)
X_bal, y_bal = sampler.fit_resample(X, y)
wrong = cross_val_score(hog_model(), X_bal, y_bal, cv=cv)

# Right: balance inside the pipeline, on each training fold only.
right = cross_val_score(
    make_imb_pipeline(
        AugmentingOversampler(random_state=0),
        HOGTransformer(), StandardScaler(), RidgeClassifier(alpha=1000),
    ),
    X, y, cv=cv,
)
print(f"balanced before splitting: accuracy {wrong.mean():.3f} +- {wrong.std():.3f}"
      f" on {len(y_bal)} images")
print(f"balanced inside the pipeline: accuracy {right.mean():.3f} +- {right.std():.3f}"
      f" on {len(y)} images")
print(f"inflation: {wrong.mean() - right.mean():+.3f}")

# %%
# Where the inflation comes from
# ------------------------------
# ``sample_indices_`` links every row of the balanced set to its original
# image. In the first validation fold of the wrong way, count the rows whose
# original (or another copy of it) sits in the training folds, and score the
# validation rows with and without such a twin.
train, test = next(cv.split(X_bal, y_bal))
origin = sampler.sample_indices_
twin = np.isin(origin[test], origin[train])
model = hog_model().fit(X_bal[train], y_bal[train])
correct = model.predict(X_bal[test]) == y_bal[test]
print(f"validation rows with a twin in training: {twin.mean():.0%} of {len(test)}")
print(f"accuracy on rows with a twin: {correct[twin].mean():.3f}, "
      f"without: {correct[~twin].mean():.3f}")

# %%
# Only the second number estimates how the model does on new faces. The
# results page of this documentation measures every model the right way, on
# FER2013's separate PublicTest split.
