"""Matplotlib, imported only when a chart is drawn; saving a chart."""


def pyplot():
    """``matplotlib.pyplot``, imported on first use so skfer does not need it."""
    try:
        import matplotlib.pyplot as plt
    except ImportError as exc:  # pragma: no cover - matplotlib is a test dep
        raise ImportError(
            "skfer.plotting needs matplotlib: pip install 'skfer[plot]'."
        ) from exc
    return plt


def new_axes(ax, ncols=1, **kwargs):
    """``ax`` as given, or fresh axes on a new figure."""
    if ax is not None:
        return ax
    _, axes = pyplot().subplots(1, ncols, layout="constrained", **kwargs)
    return axes


def save(figure, path):
    """Write ``figure`` to ``path`` (PNG unless the suffix says otherwise)."""
    if path is not None:
        figure.savefig(path, dpi=120, bbox_inches="tight")
