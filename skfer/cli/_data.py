"""Data for ``skfer train`` and ``skfer evaluate``."""

from ..datasets import THREE_LABELS, load_fer2013, load_fer2013_sample, select_labels


def load_data(path, *, usage=None, labels=7):
    """``(X, y, description)``; the 3-label task (``THREE_LABELS``) keeps
    the FER2013 codes (3, 4, 6)."""
    if path is None:
        data, where = load_fer2013_sample(), "the bundled FER2013 sample"
    else:
        data, where = load_fer2013(path, verbose=True), str(path)
    if usage is not None:
        if usage not in set(data.usage.tolist()):
            raise ValueError(
                f"{where} has no {usage!r} images; its usages are "
                f"{sorted(set(data.usage.tolist()))}."
            )
        keep = data.usage == usage
        data.data, data.target = data.data[keep], data.target[keep]
    if labels == 3:
        data = select_labels(data, THREE_LABELS)
    description = f"{where}{f', {usage}' if usage else ''}: {len(data.target)} images"
    return data.data, data.target, description
