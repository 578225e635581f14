"""Charts: confusion matrix, class distribution, training curves.

matplotlib is imported when a chart is drawn, not when this module is.
"""

from ._confusion import plot_confusion_matrix
from ._distribution import plot_class_distribution
from ._history import plot_training_history

__all__ = [
    "plot_class_distribution",
    "plot_confusion_matrix",
    "plot_training_history",
]
