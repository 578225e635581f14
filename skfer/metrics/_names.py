"""Display names of labels: FER2013 codes become emotion names."""

import numbers

import numpy as np
from sklearn.utils.multiclass import unique_labels

from ..datasets import EMOTIONS, FERPLUS_EMOTIONS


def default_labels(*ys):
    """The labels found in ``ys``, sorted; FER+ names in FER+'s order.

    FER2013 codes sort into their own order; FER+ names sorted
    alphabetically would not, and a matrix in FER+ order reads like FER+'s
    own tables and vote distributions.
    """
    labels = unique_labels(*ys)
    if labels.dtype.kind in "UO" and set(labels.tolist()) <= set(FERPLUS_EMOTIONS):
        labels = labels[np.argsort([FERPLUS_EMOTIONS.index(name) for name in labels])]
    return labels


def display_names(labels, target_names=None):
    """Names to show for ``labels``, in their order.

    ``target_names`` wins when given. Otherwise integer codes 0..6 are named
    after :data:`skfer.datasets.EMOTIONS` and other labels are shown as text.
    """
    if target_names is not None:
        names = [str(name) for name in target_names]
        if len(names) != len(labels):
            raise ValueError(
                f"{len(names)} target_names for {len(labels)} labels {list(labels)}."
            )
        return names
    return [_name(label) for label in labels]


def _name(label):
    if isinstance(label, numbers.Integral) and 0 <= label < len(EMOTIONS):
        return EMOTIONS[label]
    return str(label)
