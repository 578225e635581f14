"""Display names of labels: FER2013 codes become emotion names."""

import numbers

from ..datasets import EMOTIONS


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
