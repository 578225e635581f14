"""
=====
CNN_2
=====

CNN_2 of the original report, its strongest plain CNN: four blocks of two
convolutions each, global average pooling and a dense layer. The report gives
0.72 accuracy on a validation set of 4,448 images, but that set came from its
balanced data (augmented before splitting), so the figure is inflated (see
:ref:`sphx_glr_auto_examples_plot_leakage.py`).
:class:`~skfer.keras.CNN2Classifier` is that network as a scikit-learn
classifier.

Here it trains for 2 epochs with ``width=8`` on 1,500 images of the
2,000-image sample bundled with skfer and is scored on the other 500.
**The sample is far too small, and the training far too short, for a
meaningful CNN accuracy**: this example shows the estimator, its training
curves and its time per epoch, not what the network reaches on FER2013 (see
:doc:`/results` for that).
"""

# %%
# Training
# --------
import time

from sklearn.metrics import accuracy_score, f1_score
from sklearn.model_selection import train_test_split

from skfer.datasets import load_fer2013_sample
from skfer.keras import CNN2Classifier

fer = load_fer2013_sample()
X_train, X_test, y_train, y_test = train_test_split(
    fer.data, fer.target, test_size=0.25, stratify=fer.target, random_state=0
)
clf = CNN2Classifier(
    width=8, epochs=2, augment=False, patience=None, random_state=0
)
start = time.perf_counter()
clf.fit(X_train, y_train)
seconds = time.perf_counter() - start
epochs_run = len(clf.history_["loss"])
y_pred = clf.predict(X_test)
print(f"{clf.model_.name}: {clf.model_.count_params():,} weights")
print(f"{epochs_run} epochs, {seconds / epochs_run:.1f} s per epoch here")
print(f"test accuracy {accuracy_score(y_test, y_pred):.3f}, "
      f"macro-F1 {f1_score(y_test, y_pred, average='macro'):.3f}")

# %%
# Training curves
# ---------------
# ``history_`` holds the per-epoch metrics Keras recorded; the validation
# values come from the stratified 10% that the classifier holds out of its
# training data (``validation_split``) for early stopping.
# :func:`~skfer.plotting.plot_training_history` draws them, with the
# learning rate the schedule set.
from skfer.plotting import plot_training_history

axes = plot_training_history(clf)
