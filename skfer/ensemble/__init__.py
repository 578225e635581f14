"""Voting over already fitted classifiers, with given or learned weights."""

from ._voting import PrefitVotingClassifier

__all__ = ["PrefitVotingClassifier"]
