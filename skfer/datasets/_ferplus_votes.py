"""FER+ votes: the majority rules, targets and distributions.

One place for the rules, so that the loader and the metrics that score
against the crowd leave out the same images.
"""

import numpy as np

from ._labels import FERPLUS_EMOTIONS

#: FER+'s ten vote columns: the eight emotions, "unknown" and "NF" (not a face).
VOTE_COLUMNS = (*FERPLUS_EMOTIONS, "unknown", "NF")
RULES = ("plurality", "majority")
NO_LABEL = "no FER+ label"
_N_EMOTIONS = len(FERPLUS_EMOTIONS)
_NOT_EMOTION = {_N_EMOTIONS: "unknown", _N_EMOTIONS + 1: "not a face"}


def check_votes(votes, *, what="votes"):
    """``votes`` as an (n, 10) int array; rows of -1 mean "no FER+ label".

    An (n, 8) array (the emotion columns only) gets zero unknown and NF votes.
    """
    votes = np.asarray(votes)
    if votes.ndim != 2 or votes.shape[1] not in (_N_EMOTIONS, len(VOTE_COLUMNS)):
        raise ValueError(
            f"{what} must have shape (n_samples, 10), FER+'s columns "
            f"{list(VOTE_COLUMNS)}, or (n_samples, 8) for the emotions alone; "
            f"got shape {votes.shape}."
        )
    if not np.issubdtype(votes.dtype, np.number) or not np.all(np.isfinite(votes)):
        raise ValueError(f"{what} must be finite numbers (vote counts).")
    missing = np.all(votes == -1, axis=1)
    if np.any(votes[~missing] < 0):
        row = int(np.flatnonzero(np.any(votes < 0, axis=1) & ~missing)[0])
        raise ValueError(
            f"{what}, row {row}: negative vote counts {votes[row].tolist()}; only "
            f"a row of all -1 (no FER+ label) may be negative."
        )
    if votes.shape[1] == _N_EMOTIONS:
        extra = np.where(missing[:, None], -1, 0)
        votes = np.hstack([votes, np.repeat(extra, 2, axis=1)])
    return votes


def vote_reasons(votes, rule="plurality"):
    """Why each image has no clear FER+ label: "" where it has one.

    ``rule="plurality"``: the top category must be unique and an emotion
    (else "tie", "unknown" or "not a face"). ``rule="majority"``, the rule of
    FER+'s own reader (``src/ferplus.py``, mode "majority"): categories with
    a single vote are dropped as outliers, then the top category must hold
    more than half of the remaining votes (else "no majority") and be an
    emotion. Rows of -1 get "no FER+ label".
    """
    if rule not in RULES:
        raise ValueError(f"rule must be one of {RULES}, got {rule!r}.")
    counts = np.asarray(votes, dtype=np.float64)
    if rule == "majority":
        counts = np.where(counts <= 1, 0.0, counts)
    top = counts.max(axis=1)
    first = counts.argmax(axis=1)
    reasons = np.full(len(counts), "", dtype=object)
    if rule == "plurality":
        reasons[(counts == top[:, None]).sum(axis=1) > 1] = "tie"
    else:
        reasons[~(top > 0.5 * counts.sum(axis=1))] = "no majority"
    for column, reason in _NOT_EMOTION.items():
        reasons[(reasons == "") & (first == column)] = reason
    reasons[np.all(np.asarray(votes) == -1, axis=1)] = NO_LABEL
    return reasons.astype(str)


def emotion_target(votes):
    """The FER+ name of each row's most voted emotion (ties: FER+ order first).

    Unknown and NF votes are ignored; where the rule finds a clear majority
    this is that majority.
    """
    emotions = np.asarray(votes)[:, :_N_EMOTIONS]
    return np.asarray(FERPLUS_EMOTIONS)[emotions.argmax(axis=1)]


def has_emotion_votes(votes):
    """True for rows with at least one emotion vote."""
    return np.asarray(votes)[:, :_N_EMOTIONS].sum(axis=1) > 0


def distribution(votes):
    """Votes over the eight emotions, each row summing to one.

    Unknown and NF votes are left out; a row without emotion votes is all
    zeros.
    """
    emotions = np.asarray(votes, dtype=np.float64)[:, :_N_EMOTIONS]
    emotions = np.clip(emotions, 0, None)
    totals = emotions.sum(axis=1, keepdims=True)
    return np.divide(
        emotions, totals, out=np.zeros_like(emotions), where=totals > 0
    )
