"""scikit-learn's and imbalanced-learn's estimator checks over skfer's estimators.

Keras classifiers run their own checks in ``tests/keras`` (they are slow).
"""

from imblearn.utils.estimator_checks import (
    parametrize_with_checks as imblearn_parametrize_with_checks,
)
from sklearn.linear_model import LogisticRegression
from sklearn.naive_bayes import GaussianNB
from sklearn.utils.estimator_checks import parametrize_with_checks

from skfer.ensemble import PrefitVotingClassifier
from skfer.features import HOGTransformer
from skfer.over_sampling import AugmentingOversampler

# The checks feed tiny tabular X (2..20 features), not 48x48 images:
# image_shape=None reads each row as a 1-pixel-high image, and 1x1 HOG cells
# fit such an image.
HOG = HOGTransformer(image_shape=None, pixels_per_cell=(1, 1), cells_per_block=(1, 1))
SAMPLER = AugmentingOversampler(image_shape=None, random_state=0)

EXPECTED_FAILURES = {
    "AugmentingOversampler": {
        # imbalanced-learn runs this check whatever the sparse tag says.
        "check_samplers_pandas_sparse": "pixels are dense; sparse X is refused",
    },
}


def _expected_failures(estimator):
    return EXPECTED_FAILURES.get(type(estimator).__name__, {})


@parametrize_with_checks([HOG, SAMPLER], expected_failed_checks=_expected_failures)
def test_sklearn_checks(estimator, check):
    check(estimator)


@imblearn_parametrize_with_checks([SAMPLER], expected_failed_checks=_expected_failures)
def test_imblearn_checks(estimator, check):
    check(estimator)


# The checks fit on fresh data, so the ensemble must fit its members there; the
# prefit path is tested in tests/ensemble.
MEMBERS = [("lr", LogisticRegression()), ("nb", GaussianNB())]
VOTING = [
    PrefitVotingClassifier(MEMBERS, weights="auto", fit_members=True, cv=3),
    PrefitVotingClassifier(
        MEMBERS, voting="hard", weights="auto", objective="accuracy",
        fit_members=True, cv=3, random_state=0,
    ),
]


@parametrize_with_checks(VOTING)
def test_ensemble_checks(estimator, check):
    check(estimator)
