import matplotlib.image
import matplotlib.pyplot as plt
import numpy as np
import pytest
from sklearn.metrics import confusion_matrix

from skfer.datasets import EMOTIONS, FERPLUS_EMOTIONS
from skfer.plotting import (
    plot_class_distribution,
    plot_confusion_matrix,
    plot_training_history,
)

HISTORY = {
    "loss": [1.8, 1.4, 1.2, 1.1],
    "accuracy": [0.30, 0.45, 0.52, 0.56],
    "val_loss": [1.7, 1.5, 1.4, 1.45],
    "val_accuracy": [0.33, 0.44, 0.50, 0.49],
    "learning_rate": [1e-3, 1e-3, 5e-4, 5e-4],
}


def _cell_texts(ax):
    return [t.get_text() for t in ax.texts]


def _png_shape(path):
    return matplotlib.image.imread(path).shape


@pytest.fixture(scope="module")
def predictions():
    rng = np.random.default_rng(0)
    y_true = rng.integers(0, 7, size=200)
    y_pred = np.where(rng.random(200) < 0.6, y_true, rng.integers(0, 7, size=200))
    return y_true, y_pred


def test_confusion_matrix_counts_with_emotion_names(predictions, tmp_path):
    y_true, y_pred = predictions
    ax = plot_confusion_matrix(y_true, y_pred, path=tmp_path / "cm.png")
    assert [t.get_text() for t in ax.get_xticklabels()] == list(EMOTIONS)
    assert [t.get_text() for t in ax.get_yticklabels()] == list(EMOTIONS)
    assert ax.get_xlabel() == "Predicted label"
    assert ax.get_ylabel() == "True label"
    expected = confusion_matrix(y_true, y_pred).ravel()
    assert _cell_texts(ax) == [str(c) for c in expected]
    assert _png_shape(tmp_path / "cm.png")[2] in (3, 4)


def test_confusion_matrix_normalised_rows(predictions):
    y_true, y_pred = predictions
    ax = plot_confusion_matrix(y_true, y_pred, normalize="true")
    matrix = confusion_matrix(y_true, y_pred, normalize="true")
    assert _cell_texts(ax) == [f"{v:.2f}" for v in matrix.ravel()]
    assert "true class" in ax.get_title()


def test_confusion_matrix_on_given_axes_with_names():
    _, ax = plt.subplots()
    out = plot_confusion_matrix(["a", "b", "b"], ["a", "a", "b"], ax=ax,
                                target_names=["cat", "dog"])
    assert out is ax
    assert [t.get_text() for t in ax.get_xticklabels()] == ["cat", "dog"]


def test_class_distribution_before_and_after(tmp_path):
    y = np.repeat([0, 1, 3], [50, 5, 80])
    y_res = np.repeat([0, 1, 3], [80, 80, 80])
    before, after = plot_class_distribution(y, y_res, path=tmp_path / "dist.png")
    assert before.figure is after.figure
    assert [b.get_height() for b in before.patches] == [50, 5, 80]
    assert [b.get_height() for b in after.patches] == [80, 80, 80]
    assert [t.get_text() for t in before.get_xticklabels()] == [
        "angry", "disgust", "happy"
    ]
    assert before.get_ylabel() == "count"
    assert "Before" in before.get_title() and "135 samples" in before.get_title()
    assert "After" in after.get_title()
    # Both share one count scale, so balancing shows as equal heights.
    assert before.get_ylim() == after.get_ylim()
    assert [t.get_text() for t in before.texts] == ["50", "5", "80"]
    height, width, _ = _png_shape(tmp_path / "dist.png")
    assert width > height


def test_class_distribution_alone_with_string_labels():
    (ax,) = plot_class_distribution(["fear", "fear", "sad"])
    assert [b.get_height() for b in ax.patches] == [2, 1]
    assert [t.get_text() for t in ax.get_xticklabels()] == ["fear", "sad"]


def test_ferplus_names_in_ferplus_order():
    y_true = ["contempt", "happiness", "neutral", "anger", "neutral"]
    y_pred = ["neutral", "happiness", "neutral", "anger", "sadness"]
    expected = ["neutral", "happiness", "sadness", "anger", "contempt"]
    ax = plot_confusion_matrix(y_true, y_pred)
    assert [t.get_text() for t in ax.get_xticklabels()] == expected
    assert _cell_texts(ax)[:5] == ["1", "0", "1", "0", "0"]  # the neutral row
    (bars,) = plot_class_distribution(y_true)
    assert [t.get_text() for t in bars.get_xticklabels()] == [
        name for name in FERPLUS_EMOTIONS if name in y_true
    ]
    assert [b.get_height() for b in bars.patches] == [2, 1, 1, 1]


def test_training_history_panels_and_values(tmp_path):
    axes = plot_training_history(HISTORY, path=tmp_path / "history.png")
    assert [ax.get_ylabel() for ax in axes] == ["loss", "accuracy", "learning rate"]
    assert all(ax.get_xlabel() == "epoch" for ax in axes)
    loss, accuracy, rate = axes
    train, val = loss.get_lines()
    np.testing.assert_array_equal(train.get_xdata(), [1, 2, 3, 4])
    np.testing.assert_array_equal(train.get_ydata(), HISTORY["loss"])
    np.testing.assert_array_equal(val.get_ydata(), HISTORY["val_loss"])
    assert [t.get_text() for t in accuracy.get_legend().get_texts()] == [
        "training", "validation"
    ]
    assert rate.get_yscale() == "log"
    rates = rate.get_lines()[0].get_ydata()
    np.testing.assert_array_equal(rates, HISTORY["learning_rate"])
    assert _png_shape(tmp_path / "history.png")[2] in (3, 4)


def test_training_history_from_fitted_classifier_without_validation():
    class Fitted:
        history_ = {"loss": [1.0, 0.5], "accuracy": [0.4, 0.7]}

    axes = plot_training_history(Fitted())
    assert [ax.get_ylabel() for ax in axes] == ["loss", "accuracy"]
    assert len(axes[0].get_lines()) == 1


def test_training_history_rejects_empty():
    with pytest.raises(ValueError, match="non-empty dict"):
        plot_training_history({})
