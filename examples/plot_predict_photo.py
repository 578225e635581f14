"""
====================================
Predicting the expression in a photo
====================================

A model trained on FER2013 expects what FER2013 holds: 48x48 gray faces,
cropped to the face and roughly centred. A photo must be brought to that form
first. Finding the face automatically is a later addition to skfer; here the
face of scikit-image's astronaut photo (:func:`skimage.data.astronaut`) is
cropped by hand, converted to gray and resized to 48x48 uint8.

The model is a HOG pipeline with balancing, fitted on the 2,000-image sample
bundled with skfer. It is a weak model (see the other examples), so read its
probabilities as a demonstration of the steps, not as a verdict.
"""

# %%
# From photo to a 48x48 gray face
# -------------------------------
import matplotlib.pyplot as plt
import numpy as np
from skimage import data
from skimage.color import rgb2gray
from skimage.transform import resize

photo = data.astronaut()
top, bottom, left, right = 55, 190, 152, 287  # the face, by hand
face = rgb2gray(photo[top:bottom, left:right])
face = (resize(face, (48, 48), anti_aliasing=True) * 255).round().astype(np.uint8)
x = face.reshape(1, -1)  # one row of 2,304 pixels, like load_fer2013's data
print("photo:", photo.shape, "-> face row:", x.shape, x.dtype)

# %%
# A model fitted on the sample
# ----------------------------
from imblearn.pipeline import make_pipeline
from sklearn.calibration import CalibratedClassifierCV
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
    CalibratedClassifierCV(RidgeClassifier(alpha=1000), cv=3),
).fit(fer.data, fer.target)
proba = model.predict_proba(x)[0]
print("predicted:", fer.target_names[model.predict(x)[0]])
for name, p in sorted(zip(fer.target_names, proba), key=lambda t: -t[1]):
    print(f"{name:>9}: {p:.2f}")

# %%
# The photo, the face the model saw, and its probabilities
# --------------------------------------------------------
fig, (ax_photo, ax_face, ax_proba) = plt.subplots(
    1, 3, figsize=(11, 3.6), gridspec_kw={"width_ratios": [1, 1, 1.4]}
)
ax_photo.imshow(photo)
ax_photo.add_patch(plt.Rectangle((left, top), right - left, bottom - top,
                                 fill=False, edgecolor="yellow", linewidth=2))
ax_face.imshow(face, cmap="gray", vmin=0, vmax=255)
for ax in (ax_photo, ax_face):
    ax.set_axis_off()
ax_face.set_title("48x48 gray input")
ax_proba.barh(fer.target_names, proba)
ax_proba.invert_yaxis()
ax_proba.set_xlabel("probability")
fig.tight_layout()
