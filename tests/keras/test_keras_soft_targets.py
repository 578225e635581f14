"""Training on soft targets (crowd vote distributions) with 1-D labels."""

import numpy as np
import pytest
from sklearn.model_selection import cross_validate
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import FunctionTransformer

from skfer.keras import CNN1Classifier
from skfer.keras._recipe import SmoothedCrossentropy


def votes_for(y, seed=0):
    """Ten votes per image, most of them for its label."""
    labels = np.unique(y)
    rng = np.random.default_rng(seed)
    votes = rng.integers(0, 3, (len(y), len(labels))).astype(float)
    votes[np.arange(len(y)), np.searchsorted(labels, y)] += 6
    return votes


def test_fit_on_distributions_uses_the_crossentropy_against_them(data, fast):
    X, y = data
    clf = CNN1Classifier(**fast).fit(X, y, target_distribution=votes_for(y))
    assert isinstance(clf.model_.loss, SmoothedCrossentropy)
    assert clf.classes_.tolist() == np.unique(y).tolist()
    assert clf.predict_proba(X).shape == (len(X), len(clf.classes_))
    assert clf._target_distribution is None, "the targets are not kept"


def test_string_labels_with_columns_in_sorted_order(data, fast):
    X, y = data
    code = np.searchsorted(np.unique(y), y)
    names = np.array(["happiness", "neutral", "sadness"])[code]
    clf = CNN1Classifier(**fast).fit(X, names, target_distribution=votes_for(y))
    assert set(clf.predict(X)) <= set(names)


def test_columns_in_another_order_are_refused(data, fast):
    X, y = data
    shuffled = votes_for(y)[:, [1, 2, 0]]
    with pytest.raises(ValueError, match=r"order of\s+np.unique\(y\)"):
        CNN1Classifier(**fast).fit(X, y, target_distribution=shuffled)


@pytest.mark.parametrize(
    "make, match",
    [
        (lambda v: v[:-1], "shape"),
        (lambda v: v[:, :2], "shape"),
        (lambda v: -v, "non-negative"),
        (lambda v: v * 0, "positive sum"),
    ],
)
def test_bad_distributions_are_named(data, fast, make, match):
    X, y = data
    with pytest.raises(ValueError, match=match):
        CNN1Classifier(**fast).fit(X, y, target_distribution=make(votes_for(y)))


def test_routed_through_a_pipeline_and_cross_validation(data, fast):
    X, y = data
    votes = votes_for(y)
    pipe = make_pipeline(FunctionTransformer(), CNN1Classifier(**fast))
    pipe.fit(X, y, cnn1classifier__target_distribution=votes)
    scores = cross_validate(
        CNN1Classifier(**fast), X, y, cv=2, params={"target_distribution": votes}
    )
    assert len(scores["test_score"]) == 2


def test_a_single_image_gives_one_row_of_probabilities(data, fast):
    X, y = data
    clf = CNN1Classifier(**fast).fit(X, y)
    assert clf.predict_proba(X[:1]).shape == (1, 3)
    assert clf.predict_proba(X[:1].reshape(1, 24, 24)).shape == (1, 3)
