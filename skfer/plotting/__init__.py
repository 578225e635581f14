"""Charts: confusion matrix, class distribution, training curves, faces found
in photos and a video's timeline.

matplotlib is imported when a chart is drawn, not when this module is.
"""

from ._confusion import plot_confusion_matrix
from ._distribution import plot_class_distribution
from ._faces import plot_emotion_timeline, plot_faces
from ._history import plot_training_history

__all__ = [
    "plot_class_distribution",
    "plot_confusion_matrix",
    "plot_emotion_timeline",
    "plot_faces",
    "plot_training_history",
]
