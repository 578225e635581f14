"""
=====================================
Ensembles: hard, soft, weighted votes
=====================================

The original report combined its models by voting: a majority of predicted
labels (*hard*), the mean of predicted probabilities (*soft*), and a weighted
mean (*weighted*). Training a CNN takes a long time, so
:class:`~skfer.ensemble.PrefitVotingClassifier` votes over members that are
already fitted, and with ``weights="auto"`` learns the weights on held-out
data that the members did not train on.

This example fits three members on half of the 2,000-image sample: HOG
features with a calibrated linear classifier, raw pixels with the same
classifier, and a HOG-CNN trained for 1 epoch (far too little, on far too few
images, for a useful CNN: it is here to show that Keras classifiers and
scikit-learn pipelines vote together). The weights are learned on a quarter
and every model is scored on the last quarter.
"""

# %%
# Three members, fitted once
# --------------------------
import matplotlib.pyplot as plt
from sklearn.calibration import CalibratedClassifierCV
from sklearn.linear_model import RidgeClassifier
from sklearn.metrics import accuracy_score, f1_score
from sklearn.model_selection import train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from skfer.datasets import load_fer2013_sample
from skfer.ensemble import PrefitVotingClassifier
from skfer.features import HOGTransformer
from skfer.keras import HOGCNNClassifier

fer = load_fer2013_sample()
X_fit, X_rest, y_fit, y_rest = train_test_split(
    fer.data, fer.target, test_size=0.5, stratify=fer.target, random_state=0
)
X_val, X_test, y_val, y_test = train_test_split(
    X_rest, y_rest, test_size=0.5, stratify=y_rest, random_state=0
)


def calibrated_ridge():
    return CalibratedClassifierCV(RidgeClassifier(alpha=1000), cv=3)


members = [
    ("hog", make_pipeline(HOGTransformer(), StandardScaler(), calibrated_ridge())),
    ("pixels", make_pipeline(StandardScaler(), calibrated_ridge())),
    ("hog_cnn", HOGCNNClassifier(width=8, epochs=1, patience=None, random_state=0)),
]
scores = {}
for name, member in members:
    y_pred = member.fit(X_fit, y_fit).predict(X_test)
    scores[name] = (accuracy_score(y_test, y_pred),
                    f1_score(y_test, y_pred, average="macro"))

# %%
# Hard, soft and weighted voting
# ------------------------------
# ``fit`` does not refit the members: it checks them and, for
# ``weights="auto"``, learns the weights on ``X_val``.
votes = {
    "hard vote": PrefitVotingClassifier(members, voting="hard"),
    "soft vote": PrefitVotingClassifier(members, voting="soft"),
    "weighted vote": PrefitVotingClassifier(members, voting="soft", weights="auto"),
}
for name, vote in votes.items():
    y_pred = vote.fit(X_val, y_val).predict(X_test)
    scores[name] = (accuracy_score(y_test, y_pred),
                    f1_score(y_test, y_pred, average="macro"))
weights = votes["weighted vote"].weights_
print("learned weights:",
      ", ".join(f"{n} {w:.3f}" for (n, _), w in zip(members, weights)))
for name, (accuracy, macro_f1) in scores.items():
    print(f"{name:>14}: accuracy {accuracy:.3f}, macro-F1 {macro_f1:.3f}")

# %%
fig, ax = plt.subplots(figsize=(7, 3.2))
ax.barh(list(scores), [accuracy for accuracy, _ in scores.values()])
ax.invert_yaxis()
ax.set_xlabel("test accuracy (500 images of the sample)")
fig.tight_layout()
