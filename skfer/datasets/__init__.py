"""FER2013 readers (csv, image folders, npz), FER+ crowd labels, label subsets,
a bundled sample and a finder of images repeated across splits."""

from ._duplicates import duplicated_in
from ._fer2013 import load_fer2013, load_fer2013_sample
from ._ferplus import load_ferplus
from ._labels import (
    EMOTIONS,
    FERPLUS_EMOTIONS,
    THREE_LABELS,
    class_names,
    emotion_code,
    fer2013_to_ferplus,
    select_labels,
    sorted_labels,
)

__all__ = [
    "EMOTIONS",
    "FERPLUS_EMOTIONS",
    "THREE_LABELS",
    "class_names",
    "duplicated_in",
    "emotion_code",
    "fer2013_to_ferplus",
    "load_fer2013",
    "load_ferplus",
    "load_fer2013_sample",
    "select_labels",
    "sorted_labels",
]
