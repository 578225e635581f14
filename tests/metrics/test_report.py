import numpy as np
import pytest
from sklearn.metrics import classification_report, confusion_matrix

from skfer.datasets import EMOTIONS
from skfer.metrics import evaluation_report


@pytest.fixture(scope="module")
def predictions():
    rng = np.random.default_rng(0)
    y_true = rng.integers(0, 7, size=300)
    y_pred = np.where(rng.random(300) < 0.7, y_true, rng.integers(0, 7, size=300))
    return y_true, y_pred


def test_numbers_match_scikit_learn(predictions, capsys):
    y_true, y_pred = predictions
    report = evaluation_report(y_true, y_pred, verbose=False)
    assert capsys.readouterr().out == ""
    assert report.n_wrong == np.sum(y_true != y_pred)
    assert report.n_samples == 300
    assert report.accuracy == pytest.approx(np.mean(y_true == y_pred))
    assert report.target_names == list(EMOTIONS)
    np.testing.assert_array_equal(
        report.confusion_matrix, confusion_matrix(y_true, y_pred)
    )
    expected = classification_report(
        y_true, y_pred, target_names=list(EMOTIONS), output_dict=True
    )
    assert report.report == expected


def test_prints_names_wrong_count_averages_and_matrix(predictions, capsys):
    y_true, y_pred = predictions
    report = evaluation_report(y_true, y_pred, digits=3)
    out = capsys.readouterr().out
    assert out.strip() == str(report).strip()
    n_wrong = int(np.sum(y_true != y_pred))
    assert out.startswith(f"total wrong predictions: {n_wrong} of 300")
    for row in [*EMOTIONS, "accuracy", "macro avg", "weighted avg"]:
        assert f"\n{row:>12}" in out
    assert f"{report.accuracy:.3f}" in out
    matrix_rows = out.split("confusion matrix")[1].splitlines()[2:]
    assert [row.split()[0] for row in matrix_rows] == list(EMOTIONS)
    assert [int(c) for c in matrix_rows[3].split()[1:]] == list(
        report.confusion_matrix[3]
    )


def test_labels_subset_and_names():
    report = evaluation_report(
        ["cat", "dog", "dog"], ["cat", "cat", "dog"], verbose=False
    )
    assert report.target_names == ["cat", "dog"]
    assert report.n_wrong == 1
    report = evaluation_report(
        [0, 1, 1], [0, 0, 1], target_names=["no", "yes"], verbose=False
    )
    assert "yes" in report.report
    with pytest.raises(ValueError, match="1 target_names for 2 labels"):
        evaluation_report([0, 1], [0, 1], target_names=["only"])
