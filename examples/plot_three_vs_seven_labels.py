"""
==================================
Three labels versus seven labels
==================================

The original report trained its HOG models twice: on the three expressions
*happy*, *sad* and *neutral*, and on all seven. Fewer, more distinct classes are
an easier task, and its chance level is higher too, so this example prints a
majority-class baseline beside each score.

:func:`~skfer.datasets.select_labels` builds the 3-label data set from the
7-label one, keeping FER2013's codes (3, 4, 6). Everything runs on the
2,000-image sample bundled with skfer: the scores compare the two tasks, they
are not FER2013 results (see :doc:`/results`).
"""

# %%
# The two tasks
# -------------
import matplotlib.pyplot as plt
import numpy as np

from skfer.datasets import class_names, load_fer2013_sample, select_labels

seven = load_fer2013_sample()
three = select_labels(seven, ["happy", "sad", "neutral"])
for name, data in [("7 labels", seven), ("3 labels", three)]:
    codes, n = np.unique(data.target, return_counts=True)
    counts = dict(zip(class_names(codes), n.tolist()))
    print(f"{name}: {len(data.target)} images, {counts}")

# %%
# The same HOG pipeline on both
# -----------------------------
# Stratified 75/25 split of each data set, HOG features, scaling and a linear
# (ridge) classifier. The dummy classifier always predicts the largest class.
from sklearn.dummy import DummyClassifier
from sklearn.linear_model import RidgeClassifier
from sklearn.metrics import accuracy_score, f1_score
from sklearn.model_selection import train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from skfer.features import HOGTransformer
from skfer.plotting import plot_confusion_matrix

fig, axes = plt.subplots(1, 2, figsize=(11, 4.5))
for ax, (name, data) in zip(axes, [("7 labels", seven), ("3 labels", three)]):
    X_train, X_test, y_train, y_test = train_test_split(
        data.data, data.target, test_size=0.25, stratify=data.target, random_state=0
    )
    model = make_pipeline(
        HOGTransformer(), StandardScaler(), RidgeClassifier(alpha=1000)
    )
    y_pred = model.fit(X_train, y_train).predict(X_test)
    baseline = DummyClassifier().fit(X_train, y_train).score(X_test, y_test)
    print(f"{name}: accuracy {accuracy_score(y_test, y_pred):.3f} "
          f"(majority class {baseline:.3f}), "
          f"macro-F1 {f1_score(y_test, y_pred, average='macro'):.3f}")
    plot_confusion_matrix(
        y_test, y_pred, normalize="true", ax=ax
    )
    ax.set_title(f"{name} (rows sum to 1)")
fig.tight_layout()
