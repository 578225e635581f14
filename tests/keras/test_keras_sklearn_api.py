"""The classifiers in scikit-learn's and imbalanced-learn's tools."""

import numpy as np
import pytest
from imblearn.pipeline import make_pipeline
from scikeras.wrappers import KerasClassifier
from sklearn.base import clone, is_classifier
from sklearn.ensemble import VotingClassifier
from sklearn.model_selection import GridSearchCV, StratifiedKFold, cross_validate
from sklearn.utils import get_tags

from skfer.keras import (
    ARCHITECTURES,
    CNN1Classifier,
    HOGCNNClassifier,
    TinyXceptionClassifier,
)
from skfer.models import MODEL_NAMES
from skfer.over_sampling import AugmentingOversampler

ALL = pytest.mark.parametrize("cls", ARCHITECTURES.values(), ids=ARCHITECTURES)


def test_the_cli_names_every_architecture():
    # MODEL_NAMES is spelled out so that the CLI's help avoids TensorFlow.
    assert set(MODEL_NAMES) == set(ARCHITECTURES) | {"hog-svm"}


def test_plain_scikeras_is_not_a_classifier_on_this_sklearn():
    # The fault the base class exists for; if scikeras fixes it, this test
    # says the workaround may go.
    assert not is_classifier(KerasClassifier())


@ALL
def test_tags_say_classifier(cls):
    clf = cls()
    tags = get_tags(clf)
    assert is_classifier(clf)
    assert tags.estimator_type == "classifier"
    assert tags.target_tags.required
    assert not tags.classifier_tags.multi_label


def test_cross_validation_stratifies(data, fast):
    X, y = data
    result = cross_validate(CNN1Classifier(**fast), X, y, cv=3, return_indices=True)
    expected = [test for _, test in StratifiedKFold(3).split(X, y)]
    for got, want in zip(result["indices"]["test"], expected, strict=True):
        np.testing.assert_array_equal(got, want)
    assert np.all(np.isfinite(result["test_score"]))


def test_soft_voting_over_two_architectures(data, fast):
    X, y = data
    vote = VotingClassifier(
        [("cnn", CNN1Classifier(**fast)), ("xcp", TinyXceptionClassifier(**fast))],
        voting="soft",
    ).fit(X, y)
    members = [est.predict_proba(X) for est in vote.estimators_]
    np.testing.assert_allclose(vote.predict_proba(X), np.mean(members, axis=0))


def test_grid_search_over_routed_parameter(data, shape, fast):
    X, y = data
    grid = GridSearchCV(
        CNN1Classifier(**fast),
        {"optimizer__learning_rate": [1e-3, 1e-2]},
        cv=2,
    ).fit(X, y)
    assert grid.best_params_["optimizer__learning_rate"] in (1e-3, 1e-2)
    assert grid.best_estimator_.predict(X[:3]).shape == (3,)


def test_imblearn_pipeline_with_augmenting_oversampler(data, shape, fast):
    X, y = data
    model = make_pipeline(
        AugmentingOversampler(image_shape=shape, random_state=0),
        HOGCNNClassifier(**fast),
    ).fit(X, y)
    # The sampler balanced the training set before the classifier saw it.
    assert sum(model[0].sampling_strategy_.values()) > 0
    assert model.predict_proba(X[:4]).shape == (4, 3)


def test_repr_shows_the_changed_parameters_only():
    # scikeras prints every parameter on its own line, and the six it adds
    # to the signature in every Pipeline's repr.
    clf = CNN1Classifier(width=4, model__dropout=0.5)
    assert repr(clf) == "CNN1Classifier(model__dropout=0.5, width=4)"
    assert "CNN1Classifier(model__dropout=0.5, width=4)" in repr(make_pipeline(clf))


def test_a_build_function_given_is_still_a_parameter():
    def build():
        raise AssertionError("not called")

    assert "model" not in CNN1Classifier().get_params()
    assert clone(CNN1Classifier(model=build)).get_params()["model"] is build
