"""Evaluation report: classification report, wrong predictions, confusion matrix."""

from ._report import EvaluationReport, evaluation_report

__all__ = ["EvaluationReport", "evaluation_report"]
