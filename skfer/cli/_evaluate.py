"""``skfer evaluate``: the report of a saved model, its charts, or JSON."""

import json
import sys
from pathlib import Path

import numpy as np
from sklearn.utils import gen_batches

from ..metrics import evaluation_report
from ..utils._progress import progress_bar

# Images per predict call, for the progress bar: a multiple of the usual
# Keras batch sizes (64 by default), so the network sees the same batches
# as in one call.
_CHUNK = 4096


def evaluate(model, X, y, *, plots=None, as_json=False, data=None):
    """Print the report (or, with ``as_json``, its figures as JSON); with
    ``plots``, write its PNG charts there. ``data`` describes ``X``."""
    y_pred = predict_in_chunks(model, X)
    labels = np.unique(np.r_[y, model.classes_])
    report = evaluation_report(y, y_pred, labels=labels, verbose=not as_json)
    if as_json:
        print(json.dumps(report_figures(report, data=data), indent=2))
    if plots is not None:
        _charts(model, X, y, y_pred, Path(plots), sys.stderr if as_json else None)
    return report


def predict_in_chunks(model, X):
    """``model.predict(X)``, with a progress bar on a terminal."""
    with progress_bar(
        total=len(X), verbose=True, desc="predicting", unit="img"
    ) as bar:
        parts = []
        for chunk in gen_batches(len(X), _CHUNK):
            parts.append(model.predict(X[chunk]))
            bar.update(chunk.stop - chunk.start)
    return np.concatenate(parts) if parts else model.predict(X)


def report_figures(report, *, data=None):
    """The numbers of an :class:`~skfer.metrics.EvaluationReport`, for JSON."""
    per_class = {
        name: {
            "precision": report.report[name]["precision"],
            "recall": report.report[name]["recall"],
            "f1": report.report[name]["f1-score"],
            "support": int(report.report[name]["support"]),
        }
        for name in report.target_names
    }
    return {
        "data": data,
        "n_samples": report.n_samples,
        "accuracy": report.accuracy,
        "macro_f1": report.report["macro avg"]["f1-score"],
        "n_wrong": report.n_wrong,
        "per_class": per_class,
        "confusion_matrix": {
            "labels": list(report.target_names),
            "counts": report.confusion_matrix.tolist(),
        },
    }


def _charts(model, X, y, y_pred, folder, stream=None):
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
        print(f"wrote {path}", file=stream or sys.stdout)
