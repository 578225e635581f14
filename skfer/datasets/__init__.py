"""FER2013 readers (csv, image folders, npz), label subsets, a bundled sample
and a finder of images repeated across splits."""

from ._duplicates import duplicated_in
from ._fer2013 import load_fer2013, load_fer2013_sample
from ._labels import EMOTIONS, THREE_LABELS, class_names, emotion_code, select_labels

__all__ = [
    "EMOTIONS",
    "THREE_LABELS",
    "class_names",
    "duplicated_in",
    "emotion_code",
    "load_fer2013",
    "load_fer2013_sample",
    "select_labels",
]
