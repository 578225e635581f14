"""``skfer evaluate``: the report of a saved model, and its charts."""

from pathlib import Path

import numpy as np

from ..metrics import evaluation_report


def evaluate(model, X, y, *, plots=None):
    """Print the report; with ``plots``, write its PNG charts there."""
    y_pred = model.predict(X)
    report = evaluation_report(y, y_pred, labels=np.unique(np.r_[y, model.classes_]))
    if plots is not None:
        _charts(model, X, y, y_pred, Path(plots))
    return report


def _charts(model, X, y, y_pred, folder):
    import matplotlib

    matplotlib.use("Agg")
    from ..over_sampling import AugmentingOversampler
    from ..plotting import plot_class_distribution, plot_confusion_matrix

    folder.mkdir(parents=True, exist_ok=True)
    written = [folder / "confusion_matrix.png", folder / "class_distribution.png"]
    plot_confusion_matrix(y, y_pred, path=written[0])
    # What balancing would make of these labels: counts only, no images made.
    sampler = AugmentingOversampler().fit(X, y)
    counts = {
        c: int((y == c).sum()) + sampler.sampling_strategy_.get(c, 0)
        for c in np.unique(y)
    }
    y_balanced = np.repeat(list(counts), list(counts.values()))
    plot_class_distribution(y, y_balanced, path=written[1])
    for path in written:
        print(f"wrote {path}")
