import numpy as np
import pytest
from sklearn.metrics import accuracy_score, log_loss

from skfer.datasets import FERPLUS_EMOTIONS
from skfer.datasets._ferplus_votes import distribution
from skfer.metrics import crowd_cross_entropy, evaluation_report, majority_accuracy

SORTED = sorted(FERPLUS_EMOTIONS)  # the classes_ of a scikit-learn classifier


@pytest.fixture(scope="module")
def crowd():
    rng = np.random.default_rng(0)
    votes = rng.multinomial(10, [0.3, 0.25, 0.1, 0.1, 0.1, 0.05, 0.05, 0.02,
                                 0.02, 0.01], size=200)
    proba = rng.dirichlet(np.ones(8), size=200)  # columns in SORTED order
    return votes, proba


def _manual_cross_entropy(votes, proba, labels):
    p = votes[:, :8] / votes[:, :8].sum(axis=1, keepdims=True)
    q = proba[:, [list(labels).index(name) for name in FERPLUS_EMOTIONS]]
    return np.mean(-np.sum(p * np.log(q), axis=1))


def test_cross_entropy_by_hand(crowd):
    votes, proba = crowd
    votes = votes[votes[:, :8].sum(axis=1) > 0]
    proba = proba[: len(votes)]
    loss = crowd_cross_entropy(votes, proba, labels=SORTED)
    assert loss == pytest.approx(_manual_cross_entropy(votes, proba, SORTED))
    # The (n, 8) distribution gives the same number as the raw counts.
    assert crowd_cross_entropy(distribution(votes), proba, labels=SORTED) == loss


def test_cross_entropy_follows_the_labels_not_the_column_order(crowd):
    votes, proba = crowd
    votes = votes[votes[:, :8].sum(axis=1) > 0]
    proba = proba[: len(votes)]
    permutation = np.random.default_rng(1).permutation(8)
    shuffled = crowd_cross_entropy(
        votes, proba[:, permutation], labels=np.array(SORTED)[permutation]
    )
    assert shuffled == pytest.approx(crowd_cross_entropy(votes, proba, labels=SORTED))


def test_one_vote_each_is_log_loss(crowd):
    _, proba = crowd
    y = np.random.default_rng(2).integers(0, 8, size=len(proba))
    one_hot = np.eye(8)[y]  # one vote per image, FER+ order
    names = np.array(FERPLUS_EMOTIONS)[y]
    expected = log_loss(names, proba, labels=SORTED)
    assert crowd_cross_entropy(one_hot, proba, labels=SORTED) == pytest.approx(expected)


def test_predicting_the_distribution_reaches_the_crowd_entropy():
    votes = np.array([[5, 5, 0, 0, 0, 0, 0, 0], [10, 0, 0, 0, 0, 0, 0, 0]])
    proba = distribution(votes)  # in FER+ order
    loss = crowd_cross_entropy(votes, proba, labels=FERPLUS_EMOTIONS)
    assert loss == pytest.approx(np.log(2) / 2)
    weighted = crowd_cross_entropy(votes, proba, labels=FERPLUS_EMOTIONS,
                                   sample_weight=[3, 1])
    assert weighted == pytest.approx(3 * np.log(2) / 4)


def test_extra_model_columns_are_allowed():
    votes = np.eye(8)[:2]
    proba = np.hstack([distribution(votes) * 0.5, np.full((2, 1), 0.5)])
    labels = [*FERPLUS_EMOTIONS, "unknown"]
    assert crowd_cross_entropy(votes, proba, labels=labels) == pytest.approx(
        np.log(2)
    )


@pytest.mark.parametrize(
    "labels, match",
    [
        (list(range(8)), "no column for the FER\\+ emotion"),
        (SORTED[:7] + ["angry"], "no column .*'sadness'"),
        (SORTED[:7], "names 7 columns but y_proba has 8"),
        (SORTED[:7] + ["anger"], "repeats a name"),
    ],
)
def test_cross_entropy_bad_labels(crowd, labels, match):
    votes, proba = crowd
    with pytest.raises(ValueError, match=match):
        crowd_cross_entropy(votes[:3], proba[:3], labels=labels)


def test_cross_entropy_bad_votes(crowd):
    _, proba = crowd
    no_emotion = np.zeros((2, 10))
    no_emotion[0, 0] = 3
    no_emotion[1, 8] = 10  # only "unknown" votes
    with pytest.raises(ValueError, match="1 images have no emotion votes.*row 1"):
        crowd_cross_entropy(no_emotion, proba[:2], labels=SORTED)
    with pytest.raises(ValueError, match="no emotion votes"):
        crowd_cross_entropy(np.full((2, 10), -1), proba[:2], labels=SORTED)
    with pytest.raises(ValueError, match="shape \\(n_samples, 10\\)"):
        crowd_cross_entropy(np.ones((2, 7)), proba[:2], labels=SORTED)
    with pytest.raises(ValueError, match="inconsistent numbers of samples"):
        crowd_cross_entropy(np.ones((3, 8)), proba[:2], labels=SORTED)
    with pytest.raises(ValueError, match="negative vote counts"):
        crowd_cross_entropy([[1, -2, 0, 0, 0, 0, 0, 0]], proba[:1], labels=SORTED)


def test_majority_accuracy_leaves_out_unclear_images():
    votes = np.array([
        [0, 9, 1, 0, 0, 0, 0, 0, 0, 0],   # happiness
        [4, 0, 0, 4, 0, 0, 0, 0, 2, 0],   # tie
        [2, 0, 0, 0, 0, 0, 0, 0, 8, 0],   # unknown
        [4, 0, 0, 3, 0, 0, 0, 0, 3, 0],   # neutral by plurality, no majority
        [-1] * 10,                        # no FER+ label
    ])
    y_pred = ["happiness", "neutral", "neutral", "sadness", "anger"]
    assert majority_accuracy(votes, y_pred) == pytest.approx(1 / 2)
    assert majority_accuracy(votes, y_pred, rule="majority") == 1.0
    assert majority_accuracy(votes, y_pred, sample_weight=[1, 1, 1, 3, 1]) == 0.25
    with pytest.raises(ValueError, match="No image has a clear majority"):
        majority_accuracy(votes[1:3], y_pred[1:3])
    with pytest.raises(ValueError, match="rule must be one of"):
        majority_accuracy(votes, y_pred, rule="most")


def test_majority_accuracy_is_accuracy_on_the_majority(crowd):
    votes, _ = crowd
    y_pred = np.random.default_rng(3).choice(FERPLUS_EMOTIONS, size=len(votes))
    top = votes.max(axis=1)
    clear = ((votes == top[:, None]).sum(axis=1) == 1) & (votes.argmax(axis=1) < 8)
    majority = np.array(FERPLUS_EMOTIONS)[votes[clear].argmax(axis=1)]
    assert majority_accuracy(votes, y_pred) == pytest.approx(
        accuracy_score(majority, y_pred[clear])
    )


@pytest.mark.parametrize("y_pred", [[3, 3], ["happy", "happy"], [None, None]])
def test_majority_accuracy_wants_ferplus_names(y_pred):
    votes = np.eye(10, dtype=int)[:2] * 5
    with pytest.raises(ValueError, match="fer2013_to_ferplus"):
        majority_accuracy(votes, y_pred)


def test_report_names_ferplus_labels_in_ferplus_order():
    y_true = ["contempt", "happiness", "neutral", "anger", "sadness", "neutral"]
    y_pred = ["neutral", "happiness", "neutral", "anger", "fear", "surprise"]
    report = evaluation_report(y_true, y_pred, verbose=False)
    expected = [n for n in FERPLUS_EMOTIONS if n in set(y_true) | set(y_pred)]
    assert report.target_names == expected
    assert report.labels.tolist() == expected
    rows = report.text.split("confusion matrix")[1].splitlines()[2:]
    assert [row.split()[0] for row in rows] == expected
    assert report.confusion_matrix[0].tolist() == [1, 0, 1, 0, 0, 0, 0]  # neutral
    # Other strings keep scikit-learn's sorted order.
    assert evaluation_report(["b", "a"], ["a", "a"], verbose=False).target_names == [
        "a", "b"
    ]
