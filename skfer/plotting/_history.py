"""Training curves from a Keras History dict: loss, accuracy, learning rate."""

import numpy as np

from ._common import new_axes, save

_LEARNING_RATE = ("learning_rate", "lr")


def plot_training_history(history, *, axes=None, path=None):
    """Draw each recorded quantity by epoch: training and validation together.

    One chart per quantity: loss first, then each metric (accuracy, ...),
    each with its ``val_`` counterpart when recorded, then the learning rate
    on a log scale.

    Parameters
    ----------
    history : dict of str to list of float, or a fitted Keras classifier
        Per-epoch values keyed like a Keras ``History`` (``loss``,
        ``accuracy``, ``val_loss``, ``val_accuracy``, ``learning_rate``):
        the ``history_`` of an :mod:`skfer.keras` classifier, the classifier
        itself, a ``keras.callbacks.History`` or a plain dict.
    axes : sequence of matplotlib Axes, default=None
        One per chart; None makes a new figure.
    path : str or path-like, default=None
        Save the figure there (PNG by default).

    Returns
    -------
    axes : list of matplotlib Axes
        One chart per quantity; ``axes[0].figure`` is the figure.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> from skfer.plotting import plot_training_history
    >>> history = {"loss": [1.8, 1.2, 1.0], "val_loss": [1.7, 1.3, 1.2],
    ...            "accuracy": [0.3, 0.5, 0.6], "val_accuracy": [0.3, 0.5, 0.55],
    ...            "learning_rate": [1e-3, 1e-3, 5e-4]}
    >>> [ax.get_ylabel() for ax in plot_training_history(history)]
    ['loss', 'accuracy', 'learning rate']
    """
    history = _as_dict(history)
    panels = _panels(history)
    axes = new_axes(axes, ncols=len(panels), figsize=(4.5 * len(panels), 3.6),
                    squeeze=False)
    axes = list(np.ravel(axes))
    for ax, keys in zip(axes, panels):
        _curves(ax, history, keys)
    save(axes[0].figure, path)
    return axes


def _as_dict(history):
    # A fitted skfer.keras classifier keeps it in history_, a Keras History in
    # .history.
    for attribute in ("history_", "history"):
        if not isinstance(history, dict) and hasattr(history, attribute):
            history = getattr(history, attribute)
    if not isinstance(history, dict) or not history:
        raise ValueError(
            "history must be a non-empty dict of per-epoch lists, a Keras "
            f"History or a fitted classifier with history_; got {type(history)}."
        )
    return {key: np.asarray(values, dtype=float) for key, values in history.items()}


def _panels(history):
    rate = [k for k in _LEARNING_RATE if k in history][:1]
    train = [k for k in history if not k.startswith("val_") and k not in rate]
    train.sort(key=lambda k: k != "loss")
    panels = [[k] + [f"val_{k}"] * (f"val_{k}" in history) for k in train]
    # Validation-only keys (no training counterpart) get their own chart.
    orphans = [k for k in history if k.startswith("val_") and k[4:] not in history]
    return panels + [[k] for k in orphans] + ([rate] if rate else [])


def _curves(ax, history, keys):
    for key in keys:
        values = history[key]
        label = "validation" if key.startswith("val_") else "training"
        ax.plot(np.arange(1, len(values) + 1), values, marker=".", label=label)
    name = keys[0]
    if name in _LEARNING_RATE:
        ax.set_yscale("log")
        name = "learning rate"
    else:
        ax.legend()
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.set_xlabel("epoch")
    ax.set_ylabel(name)
    ax.set_title(name.capitalize() + " by epoch")
    ax.grid(alpha=0.3)
