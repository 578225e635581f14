"""The models ``skfer train`` can build, by name."""

from ..datasets import EMOTIONS

#: Model names of ``skfer train --model``: the five CNNs and a HOG + linear SVM.
#: Spelled out rather than read from ``skfer.keras.ARCHITECTURES``, so that
#: ``skfer --help`` does not import TensorFlow; a test keeps the two in step.
MODEL_NAMES = ("cnn1", "cnn2", "resnet", "tiny-xception", "hog-cnn", "hog-svm")


def build_model(
    name,
    *,
    balance=False,
    augment=False,
    epochs=100,
    width=None,
    random_state=0,
    callbacks=None,
):
    """A fresh, unfitted estimator (a pipeline with ``balance``) for ``name``."""
    if name == "hog-svm":
        model = _hog_svm()
    else:
        model = _keras_model(
            name,
            augment=augment,
            epochs=epochs,
            width=width,
            random_state=random_state,
            callbacks=callbacks,
        )
    if not balance:
        return model
    from imblearn.pipeline import make_pipeline

    from ..over_sampling import AugmentingOversampler

    return make_pipeline(AugmentingOversampler(random_state=random_state), model)


def _hog_svm():
    from sklearn.calibration import CalibratedClassifierCV
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler
    from sklearn.svm import LinearSVC

    from ..features import HOGTransformer

    # Calibration gives the probabilities `skfer predict` prints.
    svm = CalibratedClassifierCV(LinearSVC(C=0.01), cv=3)
    return make_pipeline(HOGTransformer(), StandardScaler(), svm)


def _keras_model(name, **params):
    from .. import keras as fk

    return fk.ARCHITECTURES[name](**params)


def class_names(model):
    """Emotion names of a fitted model's classes (FER2013 codes)."""
    return [
        EMOTIONS[c] if 0 <= int(c) < len(EMOTIONS) else str(c) for c in model.classes_
    ]
