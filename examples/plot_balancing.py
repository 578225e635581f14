"""
======================================
Balancing the classes by augmentation
======================================

FER2013 is imbalanced: *disgust* has 436 training images, *happy* 7,215. The
original report balanced it by adding augmented copies of the images of the
small classes (additive Gaussian noise, mirror flip, linear contrast, sharpen,
crop). :class:`~skfer.over_sampling.AugmentingOversampler` does this as an
imbalanced-learn sampler.

It belongs *inside* an :class:`imblearn.pipeline.Pipeline`: the pipeline calls
it during ``fit`` only, so the test images are never augmented and no
augmented copy of a test image reaches the training set (see
:ref:`sphx_glr_auto_examples_plot_leakage.py` for what happens otherwise).

This example draws the class counts before and after balancing, shows some
augmented faces, and compares a HOG pipeline without balancing, with
duplication (:class:`~imblearn.over_sampling.RandomOverSampler`) and with
augmentation, on a held-out quarter of the 2,000-image sample. On so few
images the differences are small and noisy; they are not FER2013 results.
"""

# %%
# Class counts before and after
# -----------------------------
import matplotlib.pyplot as plt
import numpy as np
from sklearn.model_selection import train_test_split

from skfer.datasets import load_fer2013_sample
from skfer.over_sampling import AugmentingOversampler

fer = load_fer2013_sample()
X_train, X_test, y_train, y_test = train_test_split(
    fer.data, fer.target, test_size=0.25, stratify=fer.target, random_state=0
)
sampler = AugmentingOversampler(random_state=0)
X_res, y_res = sampler.fit_resample(X_train, y_train)
before, after = np.bincount(y_train), np.bincount(y_res)
print(f"training images: {len(y_train)} before, {len(y_res)} after balancing")
for name, b, a in zip(fer.target_names, before, after):
    print(f"{name:>9}: {b:4d} -> {a:4d}")

from skfer.plotting import plot_class_distribution

plot_class_distribution(y_train, y_res)

# %%
# Augmented copies of *disgust* faces
# -----------------------------------
# ``sample_indices_`` gives the original behind each output row; originals
# come first, new images after them.
disgust = list(fer.target_names).index("disgust")
new_rows = np.flatnonzero(y_res == disgust)
new_rows = new_rows[new_rows >= len(y_train)][:6]
fig, axes = plt.subplots(2, 6, figsize=(10, 3.6))
for j, row in enumerate(new_rows):
    original = X_train[sampler.sample_indices_[row]]
    axes[0, j].imshow(original.reshape(48, 48), cmap="gray", vmin=0, vmax=255)
    axes[1, j].imshow(X_res[row].reshape(48, 48), cmap="gray", vmin=0, vmax=255)
for ax in axes.ravel():
    ax.set_axis_off()
axes[0, 0].set_title("original", loc="left")
axes[1, 0].set_title("augmented", loc="left")
fig.tight_layout()

# %%
# No balancing, duplication, augmentation
# ---------------------------------------
# Each sampler is a pipeline step, so it runs on the training split only.
from imblearn.over_sampling import RandomOverSampler
from imblearn.pipeline import make_pipeline
from sklearn.linear_model import RidgeClassifier
from sklearn.metrics import accuracy_score, f1_score, recall_score
from sklearn.preprocessing import StandardScaler

from skfer.features import HOGTransformer

samplers = {
    "none": None,
    "duplication": RandomOverSampler(random_state=0),
    "augmentation": AugmentingOversampler(random_state=0),
}
for name, balancer in samplers.items():
    steps = [HOGTransformer(), StandardScaler(), RidgeClassifier(alpha=1000)]
    model = make_pipeline(*([balancer] if balancer else []), *steps)
    y_pred = model.fit(X_train, y_train).predict(X_test)
    recall = recall_score(y_test, y_pred, average=None)
    print(f"{name:>12}: accuracy {accuracy_score(y_test, y_pred):.3f}, "
          f"macro-F1 {f1_score(y_test, y_pred, average='macro'):.3f}, "
          f"recall of disgust {recall[disgust]:.2f} "
          f"({int((y_test == disgust).sum())} test images)")
