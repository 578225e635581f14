"""
====================================
Predicting the expression in a photo
====================================

A model trained on FER2013 expects what FER2013 holds: 48x48 gray faces,
cropped to the face and roughly centred. :func:`skfer.analyze` brings a photo
to that form and asks a model, in one call: MTCNN finds each face and its
eyes (:class:`skfer.faces.MTCNNDetector`), the face is turned until its eyes
are level, cropped as FER2013 frames its faces, and the default shipped
model (:func:`skfer.pretrained.load`, ``"ferplus"``: trained on the FER+
crowd's votes, it names the eight FER+ emotions) gives the probability of
each expression.

The photo is scikit-image's astronaut (:func:`skimage.data.astronaut`).
"""

# %%
# One call, one record per face
# -----------------------------
from skimage import data

import skfer

photo = data.astronaut()
faces = skfer.analyze(photo)
for face in faces:
    print(face["box"], f"score {face['score']:.3f}", face["label"])
    for name, p in sorted(face["proba"].items(), key=lambda t: -t[1]):
        print(f"{name:>9}: {p:.2f}")

# %%
# The photo with its faces and their probabilities
# ------------------------------------------------
# :func:`skfer.plotting.plot_faces` draws each box and its expression, and
# with ``proba=True`` the bars of every face beside the photo. The command
# line draws the same picture: ``skfer predict photo.jpg --annotate out.png``.
from skfer.plotting import plot_faces

plot_faces(photo, faces, proba=True)

# %%
# What the model saw
# ------------------
# :func:`skfer.faces.extract_faces` is the first half of the call: the
# 48x48 crops, here beside the crop the LBP cascade's box gives.
import matplotlib.pyplot as plt

from skfer.faces import extract_faces

fig, axes = plt.subplots(1, 2, figsize=(5, 2.8))
for ax, detector in zip(axes, ["mtcnn", "cascade"]):
    crop = extract_faces([photo], detector=detector).data[0]
    ax.imshow(crop.reshape(48, 48), cmap="gray", vmin=0, vmax=255)
    ax.set_title(detector)
    ax.set_axis_off()
fig.tight_layout()

# %%
# No face, no answer
# ------------------
# MTCNN finds nothing in scikit-image's cat, where the older LBP cascade
# saw a face.
print("MTCNN:", skfer.analyze(data.chelsea()))
print("cascade boxes:", extract_faces([data.chelsea()], detector="cascade").boxes)
