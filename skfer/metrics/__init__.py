"""Evaluation report (classification report, wrong predictions, confusion
matrix) and scores against the FER+ crowd."""

from ._crowd import crowd_cross_entropy, majority_accuracy
from ._report import EvaluationReport, evaluation_report

__all__ = [
    "EvaluationReport",
    "crowd_cross_entropy",
    "evaluation_report",
    "majority_accuracy",
]
