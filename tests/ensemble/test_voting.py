import joblib
import numpy as np
import pytest
from sklearn.calibration import CalibratedClassifierCV
from sklearn.datasets import make_classification
from sklearn.dummy import DummyClassifier
from sklearn.ensemble import VotingClassifier
from sklearn.exceptions import NotFittedError
from sklearn.frozen import FrozenEstimator
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, log_loss
from sklearn.naive_bayes import GaussianNB
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import FunctionTransformer
from sklearn.svm import LinearSVC
from sklearn.tree import DecisionTreeClassifier

from skfer.datasets import load_fer2013_sample
from skfer.ensemble import PrefitVotingClassifier
from skfer.features import HOGTransformer


@pytest.fixture(scope="module")
def split():
    """Train / validation / test parts of one 3-class problem."""
    X, y = make_classification(
        n_samples=900, n_features=10, n_informative=5, n_classes=3, random_state=0
    )
    return (X[:400], y[:400]), (X[400:650], y[400:650]), (X[650:], y[650:])


@pytest.fixture(scope="module")
def members(split):
    (X, y), _, _ = split
    return [
        ("lr", LogisticRegression().fit(X, y)),
        ("nb", GaussianNB().fit(X, y)),
        ("tree", DecisionTreeClassifier(max_depth=3, random_state=0).fit(X, y)),
    ]


def test_prefit_soft_vote_is_mean_of_members_and_nothing_refits(split, members):
    _, (X_val, y_val), (X_test, _) = split
    coef = members[0][1].coef_.copy()
    vote = PrefitVotingClassifier(members).fit(X_val[:5], y_val[:5])
    expected = np.mean([m.predict_proba(X_test) for _, m in members], axis=0)
    np.testing.assert_allclose(vote.predict_proba(X_test), expected)
    np.testing.assert_array_equal(vote.predict(X_test), np.argmax(expected, axis=1))
    np.testing.assert_array_equal(members[0][1].coef_, coef)
    assert vote.named_estimators_["lr"].estimator is members[0][1]


def test_given_weights_are_normalised(split, members):
    _, (X_val, y_val), (X_test, _) = split
    vote = PrefitVotingClassifier(members, weights=[2, 1, 1]).fit(X_val, y_val)
    np.testing.assert_allclose(vote.weights_, [0.5, 0.25, 0.25])
    probas = [m.predict_proba(X_test) for _, m in members]
    expected = 0.5 * probas[0] + 0.25 * probas[1] + 0.25 * probas[2]
    np.testing.assert_allclose(vote.predict_proba(X_test), expected)


@pytest.mark.parametrize("voting", ["soft", "hard"])
def test_fitting_members_matches_voting_classifier(split, voting):
    (X, y), _, (X_test, _) = split
    members = [("lr", LogisticRegression()), ("nb", GaussianNB())]
    ours = PrefitVotingClassifier(members, voting=voting, weights=[1, 2])
    ours.set_params(fit_members=True).fit(X, y)
    theirs = VotingClassifier(members, voting=voting, weights=[1, 2]).fit(X, y)
    np.testing.assert_array_equal(ours.predict(X_test), theirs.predict(X_test))
    if voting == "soft":
        np.testing.assert_allclose(
            ours.predict_proba(X_test), theirs.predict_proba(X_test)
        )
    else:
        assert not hasattr(ours, "predict_proba")


def test_hard_vote_counts_weighted_votes():
    X = np.zeros((4, 1))
    always = [DummyClassifier(strategy="constant", constant=c) for c in (0, 1, 1)]
    members = [(f"m{i}", m.fit(X, [0, 1, 2, 2])) for i, m in enumerate(always)]
    vote = PrefitVotingClassifier(members, voting="hard").fit(X, [0, 1, 2, 2])
    assert vote.predict(X).tolist() == [1] * 4
    vote.set_params(weights=[3, 1, 1]).fit(X, [0, 1, 2, 2])
    assert vote.predict(X).tolist() == [0] * 4


def _noisy_members(split):
    (X, y), _, _ = split
    good = LogisticRegression().fit(X, y)
    noise = DummyClassifier(strategy="stratified", random_state=0).fit(X, y)
    # Sees one feature only: a deliberately weak member.
    weak = make_pipeline(FunctionTransformer(_first_column), GaussianNB()).fit(X, y)
    return [("good", good), ("noise", noise), ("weak", weak)]


def _first_column(X):
    return X[:, :1]


def test_auto_log_loss_weights_beat_uniform_on_validation(split):
    _, (X_val, y_val), _ = split
    members = _noisy_members(split)
    uniform = PrefitVotingClassifier(members).fit(X_val, y_val)
    auto = PrefitVotingClassifier(members, weights="auto").fit(X_val, y_val)
    assert auto.weights_[0] > 0.5
    assert auto.weights_.sum() == pytest.approx(1)
    auto_loss = log_loss(y_val, auto.predict_proba(X_val))
    assert auto_loss <= log_loss(y_val, uniform.predict_proba(X_val))


@pytest.mark.parametrize("voting", ["soft", "hard"])
def test_auto_accuracy_weights_at_least_uniform(split, voting):
    _, (X_val, y_val), _ = split
    members = _noisy_members(split)
    params = dict(voting=voting, objective="accuracy", random_state=0)
    uniform = PrefitVotingClassifier(members, **params).fit(X_val, y_val)
    auto = PrefitVotingClassifier(members, weights="auto", **params)
    auto.fit(X_val, y_val)
    assert auto.score(X_val, y_val) >= uniform.score(X_val, y_val)


def test_auto_weights_with_cross_validated_predictions(split):
    (X, y), _, (X_test, y_test) = split
    members = [
        ("lr", LogisticRegression()),
        ("noise", DummyClassifier(strategy="stratified", random_state=0)),
    ]
    vote = PrefitVotingClassifier(members, weights="auto", fit_members=True, cv=3)
    vote.fit(X, y)
    assert vote.weights_[0] > 0.8
    lr = vote.named_estimators_["lr"]
    accuracy = accuracy_score(y_test, vote.predict(X_test))
    assert accuracy >= lr.score(X_test, y_test) - 0.02


def test_frozen_member_is_kept_when_fitting_the_others(split, members):
    (X, y), _, _ = split
    frozen = FrozenEstimator(members[2][1])
    vote = PrefitVotingClassifier(
        [("lr", LogisticRegression()), ("tree", frozen)], fit_members=True
    ).fit(X[:50], y[:50])
    assert vote.named_estimators_["tree"] is frozen


def test_members_with_different_classes_raise(split):
    (X, y), _, _ = split
    three = LogisticRegression().fit(X, y)
    two = LogisticRegression().fit(X[y < 2], y[y < 2])
    vote = PrefitVotingClassifier([("three", three), ("two", two)])
    with pytest.raises(ValueError, match=r"do not share.*'two': \[0, 1\]"):
        vote.fit(X, y)


def test_unfitted_member_and_unknown_labels_raise(split, members):
    (X, y), _, _ = split
    vote = PrefitVotingClassifier(members + [("new", GaussianNB())])
    with pytest.raises(NotFittedError, match="'new'.*fit_members=True"):
        vote.fit(X, y)
    with pytest.raises(ValueError, match=r"Labels \[7\] are not among"):
        PrefitVotingClassifier(members, weights="auto").fit(X[:3], [0, 1, 7])


def test_bad_options_raise(split, members):
    (X, y), _, _ = split
    with pytest.raises(ValueError, match="use objective='accuracy'"):
        PrefitVotingClassifier(members, voting="hard", weights="auto").fit(X, y)
    with pytest.raises(ValueError, match="2 weights for 3 estimators"):
        PrefitVotingClassifier(members, weights=[1, 2]).fit(X, y)


def test_dropped_member_is_left_out(split, members):
    _, (X_val, y_val), (X_test, _) = split
    vote = PrefitVotingClassifier(members, weights=[1, 5, 1])
    vote.set_params(nb="drop").fit(X_val, y_val)
    assert list(vote.named_estimators_) == ["lr", "tree"]
    np.testing.assert_allclose(vote.weights_, [0.5, 0.5])


def test_joblib_reload_gives_identical_probabilities(split, members, tmp_path):
    _, (X_val, y_val), (X_test, _) = split
    vote = PrefitVotingClassifier(members, weights="auto").fit(X_val, y_val)
    joblib.dump(vote, tmp_path / "vote.joblib")
    again = joblib.load(tmp_path / "vote.joblib")
    np.testing.assert_array_equal(
        again.predict_proba(X_test), vote.predict_proba(X_test)
    )


def test_image_pipelines_as_members_with_emotion_names():
    fer = load_fer2013_sample()
    X, y = fer.data[:600], fer.target_names[fer.target[:600]]
    hog_svm = make_pipeline(
        HOGTransformer(), CalibratedClassifierCV(LinearSVC(), cv=3)
    ).fit(X[:400], y[:400])
    hog_nb = make_pipeline(HOGTransformer(), GaussianNB()).fit(X[:400], y[:400])
    vote = PrefitVotingClassifier([("hog_svm", hog_svm), ("hog_nb", hog_nb)])
    vote.set_params(weights="auto").fit(X[400:500], y[400:500])
    assert set(vote.predict(X[500:])) <= set(fer.target_names)
    assert vote.predict_proba(X[500:]).shape == (100, len(vote.classes_))


class _Float32Proba(LogisticRegression):
    # Like a Keras member: float32 probabilities, rows off 1 by rounding.
    def predict_proba(self, X):
        return super().predict_proba(X).astype(np.float32)


def test_float32_member_probabilities_sum_to_one(split):
    (X, y), (X_val, y_val), (X_test, _) = split
    members = [("f32", _Float32Proba().fit(X, y)), ("nb", GaussianNB().fit(X, y))]
    proba = PrefitVotingClassifier(members).fit(X_val, y_val).predict_proba(X_test)
    assert proba.dtype == np.float64
    np.testing.assert_allclose(proba.sum(axis=1), 1, rtol=1e-12)
