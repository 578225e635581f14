"""The experiments of the original FER2013 report as named rows.

Imports neither Keras nor the data, so that ``reproduce_report.py --list``
and ``--table`` answer at once.
"""

from dataclasses import dataclass

import skfer.models
from skfer.datasets import emotion_code

ARCHITECTURES = ("cnn1", "cnn2", "resnet", "tiny-xception", "hog-cnn")

#: The training recipe of every training row, :data:`skfer.models.RECIPE`
#: (SGD with Nesterov momentum, warm-up then a cosine schedule that ends at
#: ``epochs``, weight decay, label smoothing, weight averaging, the
#: augmentation policy). Each row records the recipe it started with and
#: refuses to resume under another, so a later change of it cannot alter
#: rows half run.
#: ``patience=None``: the schedule ends training, not early stopping.
#: ``validation_split=0.0``: the script holds out the validation split of
#: Training itself, before any balancing, so that the network sees none of it.
RECIPE = dict(skfer.models.RECIPE, epochs=60, validation_split=0.0)

#: The report's "disgust raised to 5,470" variant: ten times the 547 disgust
#: images of all FER2013; the other classes keep their counts.
DISGUST_5470 = {emotion_code("disgust"): 5470}

BALANCING = {
    None: "not balanced",
    "auto": "every class augmented up to the largest",
    "disgust": "disgust augmented up to 5,470 images",
}


@dataclass(frozen=True)
class Row:
    """One experiment: a model trained and scored, or an ensemble of rows.

    ``protocol`` is "honest" (split Training, then balance the training part
    inside an imbalanced-learn pipeline) or "leak" (the report's: balance
    all of Training, then split off the validation set).
    """

    name: str
    labels: int
    report: str
    model: str = None
    balance: str = None
    protocol: str = "honest"
    members: tuple = ()
    voting: str = None

    @property
    def is_ensemble(self):
        return bool(self.members)

    @property
    def sampling_strategy(self):
        return DISGUST_5470 if self.balance == "disgust" else self.balance

    def describe(self):
        """What the row trains on, or which members it votes over."""
        if self.is_ensemble:
            kind = "hard vote" if self.voting == "hard" else "soft vote"
            weighted = self.voting == "weighted"
            learned = ", weights learned on validation" if weighted else ""
            return f"{kind} of {', '.join(self.members)}{learned}"
        if self.protocol == "leak":
            return (f"{self.model}, Training {BALANCING[self.balance]}, then "
                    f"split (the report's protocol)")
        inside = "" if self.balance is None else ", inside the pipeline"
        return f"{self.model}, Training {BALANCING[self.balance]}{inside}"


# The report's own figure for each row it ran: its scores were printed on
# its validation sets, some balanced before the split (see docs/results.rst).
_LEAKY = "balanced before the split: leaky"
REPORT = {
    "cnn1-7-honest": "0.542 with augmentation (set not named)",
    "resnet-7-honest": "0.496 with augmentation (set not named)",
    "tiny-xception-7-honest": "0.529 with augmentation (set not named)",
    "hog-cnn-7-honest": "0.66 on 3,589 images; 0.69 with augmentation "
                        "(set not named)",
    "hog-cnn-3-honest": "0.81 on 2,127 images",
    "hog-cnn-7-balanced": f"0.70 on 4,377 images, {_LEAKY}",
    "hog-cnn-7-disgust5470": f"0.73 on 4,588 images, {_LEAKY}",
    "cnn2-7-balanced": f"0.72 on 4,448 images, {_LEAKY}",
    "leak-cnn2-7": f"0.72 on 4,448 images, {_LEAKY}",
    "ensemble5-7-hard": f"0.494, 7 models, {_LEAKY}",
    "ensemble5-7-soft": f"0.667, 7 models, {_LEAKY}",
    "ensemble5-7-weighted": f"0.705, 7 models, weights learned on the set "
                            f"scored, {_LEAKY}",
    "ensemble-cnn2-hogcnn-7-hard": f"0.814, {_LEAKY}",
    "ensemble-cnn2-hogcnn-7-soft": f"0.843, {_LEAKY}",
    "ensemble-cnn2-hogcnn-7-weighted": f"0.850, weights learned on the set "
                                       f"scored, {_LEAKY}",
}
NOT_IN_REPORT = "not run in the report"


def _training_rows():
    variants = {"honest": None, "balanced": "auto", "disgust5470": "disgust"}
    for model in ARCHITECTURES:
        for labels in (7, 3):
            for variant, balance in variants.items():
                if balance == "disgust" and labels == 3:
                    continue  # no disgust in the 3-label task
                name = f"{model}-{labels}-{variant}"
                yield Row(name, labels, REPORT.get(name, NOT_IN_REPORT),
                          model=model, balance=balance)
    yield Row("leak-cnn2-7", 7, REPORT["leak-cnn2-7"], model="cnn2",
              balance="auto", protocol="leak")


def _ensemble_rows():
    sets = {
        "ensemble5-7": tuple(f"{m}-7-honest" for m in ARCHITECTURES),
        "ensemble-cnn2-hogcnn-7": ("cnn2-7-honest", "hog-cnn-7-honest"),
    }
    for prefix, members in sets.items():
        for voting in ("hard", "soft", "weighted"):
            name = f"{prefix}-{voting}"
            yield Row(name, 7, REPORT[name], members=members, voting=voting)


#: Every row, by name, in the order they are listed and run.
ROWS = {row.name: row for row in (*_training_rows(), *_ensemble_rows())}
#: The report's protocol and the honest one, same model, recipe and epochs.
LEAK_PAIR = ("leak-cnn2-7", "cnn2-7-balanced")
if not set(REPORT) <= set(ROWS):
    raise RuntimeError(f"REPORT names no row: {sorted(set(REPORT) - set(ROWS))}")
