"""Confusion matrix chart with emotion names."""

from sklearn.metrics import ConfusionMatrixDisplay

from ..datasets import class_names, sorted_labels
from ._common import new_axes, save

_TITLES = {
    None: "Confusion matrix (counts)",
    "true": "Confusion matrix (fraction of each true class)",
    "pred": "Confusion matrix (fraction of each predicted class)",
    "all": "Confusion matrix (fraction of all samples)",
}


def plot_confusion_matrix(
    y_true,
    y_pred,
    *,
    labels=None,
    target_names=None,
    normalize=None,
    ax=None,
    cmap="Blues",
    path=None,
):
    """Draw the confusion matrix with emotion names on both axes.

    A thin layer over
    :meth:`sklearn.metrics.ConfusionMatrixDisplay.from_predictions` that
    names FER2013 codes after their emotion and can save the chart.

    Parameters
    ----------
    y_true : array-like of shape (n_samples,)
        True labels.
    y_pred : array-like of shape (n_samples,)
        Predicted labels.
    labels : array-like of shape (n_labels,), default=None
        Labels to show, in order; None takes those in ``y_true`` or
        ``y_pred``, sorted (FER+ names in FER+'s order).
    target_names : list of str, default=None
        Names of ``labels``; None names codes 0..6 after their emotion.
    normalize : {"true", "pred", "all"} or None, default=None
        None shows counts; ``"true"`` divides each row by its total (recall on
        the diagonal), ``"pred"`` each column, ``"all"`` the whole matrix.
    ax : matplotlib Axes, default=None
        Where to draw; None makes a new figure.
    cmap : str or matplotlib Colormap, default="Blues"
        Colour map of the cells.
    path : str or path-like, default=None
        Save the figure there (PNG by default).

    Returns
    -------
    ax : matplotlib Axes
        The chart; ``ax.figure`` is its figure.

    See Also
    --------
    skfer.metrics.evaluation_report : The same matrix as numbers, with the
        classification report.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> from skfer.plotting import plot_confusion_matrix
    >>> ax = plot_confusion_matrix([0, 3, 3, 6], [0, 3, 6, 6], normalize="true")
    >>> [t.get_text() for t in ax.get_xticklabels()]
    ['angry', 'happy', 'neutral']
    """
    labels = sorted_labels(y_true, y_pred) if labels is None else labels
    ax = new_axes(ax, figsize=(7, 6))
    display = ConfusionMatrixDisplay.from_predictions(
        y_true,
        y_pred,
        labels=labels,
        display_labels=class_names(labels, target_names),
        normalize=normalize,
        values_format=".2f" if normalize else "d",
        cmap=cmap,
        xticks_rotation=45,
        ax=ax,
    )
    ax.set_title(_TITLES[normalize])
    save(display.figure_, path)
    return ax
