"""
======================================================
The report's CNNs: CNN_1, CNN_2, ResNet, Tiny Xception
======================================================

The original report trained four image-only networks on FER2013:

=============  ============================================  =================
report model   skfer classifier                              report's accuracy
=============  ============================================  =================
CNN_1          :class:`~skfer.keras.CNN1Classifier`          0.54 (augmented)
CNN_2          :class:`~skfer.keras.CNN2Classifier`          0.72 (inflated)
ResNet         :class:`~skfer.keras.ResNetClassifier`        0.50 (augmented)
Tiny Xception  :class:`~skfer.keras.TinyXceptionClassifier`  0.53 (augmented)
=============  ============================================  =================

CNN_1 is three convolution blocks and a dense layer; CNN_2 four blocks of two
convolutions and global average pooling; the ResNet a stem and three stages of
residual blocks; Tiny Xception depthwise-separable convolutions with residual
connections (mini-Xception style). CNN_2's 0.72 was measured on a validation
set drawn from data balanced before splitting, so it is inflated (see
:ref:`sphx_glr_auto_examples_plot_leakage.py`). ``augment=True`` adds random
flips, shifts, zooms, rotations and contrast changes at every epoch, inactive
at prediction, as the report did for three of them.

Here each trains for 2 epochs at a small ``width`` on 1,500 images of the
2,000-image sample bundled with skfer and is scored on the other 500.
**The sample is far too small, and the training far too short, for a
meaningful CNN accuracy**: this example shows the estimators, their training
curves and their time per epoch, not what the networks reach on FER2013 (see
:doc:`/results` for that).
"""

# %%
# Training
# --------
# The four classifiers take the same flattened uint8 images as every skfer
# estimator; scaling and reshaping happen inside the networks.
import time

from sklearn.metrics import accuracy_score, f1_score
from sklearn.model_selection import train_test_split

from skfer.datasets import load_fer2013_sample
from skfer.keras import (
    CNN1Classifier,
    CNN2Classifier,
    ResNetClassifier,
    TinyXceptionClassifier,
)

fer = load_fer2013_sample()
X_train, X_test, y_train, y_test = train_test_split(
    fer.data, fer.target, test_size=0.25, stratify=fer.target, random_state=0
)
common = dict(epochs=2, patience=None, random_state=0)
models = {
    "CNN_1": CNN1Classifier(width=8, augment=True, **common),
    "CNN_2": CNN2Classifier(width=8, **common),
    "ResNet": ResNetClassifier(width=4, augment=True, **common),
    "Tiny Xception": TinyXceptionClassifier(width=4, augment=True, **common),
}
for name, clf in models.items():
    start = time.perf_counter()
    clf.fit(X_train, y_train)
    per_epoch = (time.perf_counter() - start) / len(clf.history_["loss"])
    y_pred = clf.predict(X_test)
    print(
        f"{name:<14}{clf.model_.count_params():>9,} weights  "
        f"{per_epoch:5.1f} s/epoch  accuracy {accuracy_score(y_test, y_pred):.3f}  "
        f"macro-F1 {f1_score(y_test, y_pred, average='macro'):.3f}"
    )

# %%
# Training curves
# ---------------
# ``history_`` holds the per-epoch metrics Keras recorded; the validation
# values come from the stratified 10% that each classifier holds out of its
# training data (``validation_split``) for early stopping.
# :func:`~skfer.plotting.plot_training_history` draws them, with the
# learning rate the schedule set.
from skfer.plotting import plot_training_history

for name, clf in models.items():
    axes = plot_training_history(clf)
    axes[0].figure.suptitle(name)
