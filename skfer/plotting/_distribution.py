"""Class counts before and after balancing, side by side."""

import numpy as np

from ..datasets import class_names, sorted_labels
from ._common import new_axes, save


def plot_class_distribution(
    y, y_resampled=None, *, labels=None, target_names=None, axes=None, path=None
):
    """Bar charts of the number of samples of each class.

    With ``y_resampled`` (the labels a sampler such as
    :class:`skfer.over_sampling.AugmentingOversampler` returns), the counts
    before and after balancing are drawn side by side on one count scale, as
    in the original FER2013 study. Each bar is annotated with its count.

    Parameters
    ----------
    y : array-like of shape (n_samples,)
        Labels before balancing.
    y_resampled : array-like of shape (n_resampled,), default=None
        Labels after balancing; None draws ``y`` alone.
    labels : array-like of shape (n_labels,), default=None
        Classes to show, in order; None takes all found, sorted (FER+ names
        in FER+'s order).
    target_names : list of str, default=None
        Names of ``labels``; None names codes 0..6 after their emotion.
    axes : matplotlib Axes or sequence of two Axes, default=None
        Where to draw (two when ``y_resampled`` is given); None makes a new
        figure.
    path : str or path-like, default=None
        Save the figure there (PNG by default).

    Returns
    -------
    axes : list of matplotlib Axes
        One chart per label array; ``axes[0].figure`` is the figure.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> from skfer.over_sampling import AugmentingOversampler
    >>> from skfer.datasets import load_fer2013_sample
    >>> from skfer.plotting import plot_class_distribution
    >>> fer = load_fer2013_sample()
    >>> X, y = fer.data[:200], fer.target[:200]
    >>> _, y_res = AugmentingOversampler(random_state=0).fit_resample(X, y)
    >>> before, after = plot_class_distribution(y, y_res)
    >>> [int(bar.get_height()) for bar in after.patches] == [y_res.tolist().count(
    ...     c) for c in range(7)]
    True
    """
    parts = [("Before balancing", y)]
    if y_resampled is not None:
        parts.append(("After balancing", y_resampled))
    labels = sorted_labels(*(p for _, p in parts)) if labels is None else labels
    names = class_names(labels, target_names)
    axes = new_axes(axes, ncols=len(parts), figsize=(5.5 * len(parts), 4),
                    sharey=True, squeeze=False)
    axes = list(np.ravel(axes))
    for ax, (title, values) in zip(axes, parts):
        _bars(ax, np.asarray(values), labels, names, title)
    save(axes[0].figure, path)
    return axes


def _bars(ax, values, labels, names, title):
    counts = [int(np.sum(values == label)) for label in labels]
    bars = ax.bar(names, counts, color="tab:blue")
    ax.bar_label(bars)
    # Room above the tallest bar for its count.
    ax.margins(y=0.1)
    ax.set_title(f"{title} ({len(values)} samples)")
    ax.set_xlabel("emotion")
    ax.set_ylabel("count")
    ax.tick_params(axis="x", labelrotation=45)
