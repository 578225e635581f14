"""scikit-learn's estimator checks on one Keras classifier.

The checks feed tiny tabular X (2 to 20 features), not images:
``image_shape=None`` reads each row as a 1-pixel-high image, which the
"same"-padded convolutions and poolings of CNN_1 accept at any width. The
other architectures share the base class and get the smoke tests of
``test_keras_smoke.py``.
"""

from sklearn.utils.estimator_checks import parametrize_with_checks

from skfer.keras import CNN1Classifier

CHECKED = CNN1Classifier(
    image_shape=None, width=2, epochs=1, batch_size=16, validation_split=0.0,
    random_state=0,
)

EXPECTED_FAILURES = {}


@parametrize_with_checks(
    [CHECKED], expected_failed_checks=lambda est: EXPECTED_FAILURES
)
def test_sklearn_checks(estimator, check):
    check(estimator)
