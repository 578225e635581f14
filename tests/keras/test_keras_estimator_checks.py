"""scikit-learn's estimator checks on one Keras classifier.

The checks feed tiny tabular X (2 to 20 features), not images:
``image_shape=None`` reads each row as a 1-pixel-high image, which the
"same"-padded convolutions and poolings of CNN_1 accept at any width. The
other architectures share the base class and get the smoke tests of
``test_keras_smoke.py``.
"""

import pytest
from sklearn.utils.estimator_checks import parametrize_with_checks

from skfer.keras import CNN1Classifier

# Minutes on two cores: `pytest -m 'not slow'` leaves it out.
pytestmark = pytest.mark.slow

CHECKED = CNN1Classifier(
    image_shape=None, width=2, epochs=1, batch_size=16, validation_split=0.0,
    random_state=0, run_eagerly=True,
)

EXPECTED_FAILURES = {
    "check_estimator_tags_renamed": (
        "scikeras' BaseWrapper defines the pre-1.6 `_more_tags` only; "
        "BaseFERClassifier.__sklearn_tags__ replaces it, but the check "
        "inspects every class of the MRO"
    ),
    "check_mixin_order": (
        "scikeras' KerasClassifier lists ClassifierMixin after BaseEstimator "
        "and a subclass cannot reorder it (MRO conflict); "
        "BaseFERClassifier.__sklearn_tags__ sets the classifier tags instead"
    ),
    "check_sample_weight_equivalence_on_dense_data": (
        "mini-batch SGD: a weight of 2 is not the same as a repeated sample, "
        "which lands in another batch"
    ),
}


@parametrize_with_checks(
    [CHECKED], expected_failed_checks=lambda est: EXPECTED_FAILURES
)
def test_sklearn_checks(estimator, check):
    check(estimator)
