"""The evaluation report of the original FER2013 study, from scikit-learn parts."""

from dataclasses import dataclass

import numpy as np
from sklearn.metrics import (
    accuracy_score,
    classification_report,
    confusion_matrix,
    zero_one_loss,
)

from ..datasets import class_names, sorted_labels


@dataclass(frozen=True)
class EvaluationReport:
    """What :func:`evaluation_report` computed; ``str()`` gives its text.

    Attributes
    ----------
    accuracy : float
        Fraction of correct predictions.
    n_wrong : int
        Total of wrong predictions.
    n_samples : int
        Number of predictions.
    report : dict
        :func:`~sklearn.metrics.classification_report` as a dict, keyed by
        display name, with ``"accuracy"``, ``"macro avg"`` and
        ``"weighted avg"``.
    confusion_matrix : ndarray of shape (n_labels, n_labels)
        Counts; rows are true labels, columns predicted ones.
    labels : ndarray of shape (n_labels,)
        The labels, in the order of the matrix.
    target_names : list of str
        Their display names.
    text : str
        The printed report.
    """

    accuracy: float
    n_wrong: int
    n_samples: int
    report: dict
    confusion_matrix: np.ndarray
    labels: np.ndarray
    target_names: list
    text: str

    def __str__(self):
        return self.text


def evaluation_report(
    y_true, y_pred, *, labels=None, target_names=None, digits=2, verbose=True
):
    """Classification report, total of wrong predictions and confusion matrix.

    The report the original FER2013 study printed for each model: per-emotion
    precision, recall, F1 and support, accuracy, macro and weighted averages,
    and "total wrong predictions"; plus the confusion matrix. Everything is
    computed by :func:`~sklearn.metrics.classification_report`,
    :func:`~sklearn.metrics.confusion_matrix`,
    :func:`~sklearn.metrics.accuracy_score` and
    :func:`~sklearn.metrics.zero_one_loss`.

    Parameters
    ----------
    y_true : array-like of shape (n_samples,)
        True labels.
    y_pred : array-like of shape (n_samples,)
        Predicted labels.
    labels : array-like of shape (n_labels,), default=None
        Labels to report, in order; None takes those in ``y_true`` or
        ``y_pred``, sorted (FER+ names in FER+'s order,
        ``skfer.datasets.FERPLUS_EMOTIONS``).
    target_names : list of str, default=None
        Display names of ``labels``; None names FER2013 codes 0..6 after
        their emotion (``skfer.datasets.EMOTIONS``) and shows other labels
        as they are.
    digits : int, default=2
        Digits of the floats in the text.
    verbose : bool, default=True
        Print the text.

    Returns
    -------
    report : EvaluationReport
        The numbers and the text; ``print(report)`` prints the text.

    See Also
    --------
    skfer.plotting.plot_confusion_matrix : The confusion matrix as a chart.

    Examples
    --------
    >>> from skfer.metrics import evaluation_report
    >>> report = evaluation_report([3, 3, 4, 6, 0], [3, 4, 4, 6, 0])
    total wrong predictions: 1 of 5
    <BLANKLINE>
                  precision    recall  f1-score   support
    <BLANKLINE>
           angry       1.00      1.00      1.00         1
           happy       1.00      0.50      0.67         2
             sad       0.50      1.00      0.67         1
         neutral       1.00      1.00      1.00         1
    <BLANKLINE>
        accuracy                           0.80         5
       macro avg       0.88      0.88      0.83         5
    weighted avg       0.90      0.80      0.80         5
    <BLANKLINE>
    confusion matrix (rows: true, columns: predicted)
                 angry    happy      sad  neutral
        angry        1        0        0        0
        happy        0        1        1        0
          sad        0        0        1        0
      neutral        0        0        0        1
    >>> report.n_wrong, report.accuracy
    (1, 0.8)
    """
    labels = sorted_labels(y_true, y_pred) if labels is None else np.asarray(labels)
    names = class_names(labels, target_names)
    common = dict(labels=labels, target_names=names, zero_division=0)
    text_report = classification_report(y_true, y_pred, digits=digits, **common)
    matrix = confusion_matrix(y_true, y_pred, labels=labels)
    n_wrong = int(zero_one_loss(y_true, y_pred, normalize=False))
    text = (
        f"total wrong predictions: {n_wrong} of {len(y_true)}\n\n"
        f"{text_report}\n{_matrix_text(matrix, names)}"
    )
    if verbose:
        print(text)
    return EvaluationReport(
        accuracy=float(accuracy_score(y_true, y_pred)),
        n_wrong=n_wrong,
        n_samples=len(y_true),
        report=classification_report(y_true, y_pred, output_dict=True, **common),
        confusion_matrix=matrix,
        labels=labels,
        target_names=names,
        text=text,
    )


def _matrix_text(matrix, names):
    width = max(max(len(n) for n in names), len(str(matrix.max()))) + 2
    lines = ["confusion matrix (rows: true, columns: predicted)"]
    lines.append(" " * width + "".join(f"{n:>{width}}" for n in names))
    for name, row in zip(names, matrix):
        lines.append(f"{name:>{width}}" + "".join(f"{c:>{width}}" for c in row))
    return "\n".join(lines)
