"""Voting over classifiers that are already fitted, with learned weights."""

import numbers

import numpy as np
from joblib import Parallel, delayed
from sklearn.base import ClassifierMixin, _fit_context, clone
from sklearn.ensemble._base import _BaseHeterogeneousEnsemble, _fit_single_estimator
from sklearn.exceptions import NotFittedError
from sklearn.model_selection import check_cv, cross_val_predict
from sklearn.utils import Bunch
from sklearn.utils._param_validation import StrOptions
from sklearn.utils.metaestimators import available_if
from sklearn.utils.multiclass import check_classification_targets
from sklearn.utils.validation import (
    _num_samples,
    check_consistent_length,
    check_is_fitted,
    column_or_1d,
)

from ._members import (
    check_outputs,
    dropped,
    freeze,
    given_weights,
    is_auto,
    label_codes,
    shared_classes,
)
from ._weights import accuracy_weights, log_loss_weights, one_hot, soft_vote


class PrefitVotingClassifier(ClassifierMixin, _BaseHeterogeneousEnsemble):
    """Hard, soft or weighted-soft voting over fitted classifiers.

    Training a CNN takes many minutes, so by default the members are used as
    they are: each is wrapped in :class:`~sklearn.frozen.FrozenEstimator` and
    never refitted, and :meth:`fit` only checks that the members agree on
    their classes and, with ``weights="auto"``, learns the weights on the
    ``X, y`` it is given, which must be held-out data the members did not
    train on. With ``fit_members=True`` it behaves like
    :class:`~sklearn.ensemble.VotingClassifier` instead: clones of the members
    are fitted on ``X, y`` (members wrapped in ``FrozenEstimator`` by the user
    stay as they are) and ``weights="auto"`` learns on cross-validated
    predictions. Unlike ``VotingClassifier``, members see the labels as
    given, not re-encoded, so each one still works on its own.

    Any classifier works as a member: a Keras classifier, a pipeline such as
    HOG + calibrated linear SVM, anything with ``predict_proba`` for soft
    voting or ``predict`` for hard voting.

    Parameters
    ----------
    estimators : list of (str, estimator) tuples
        The members. A member may be set to ``"drop"`` with ``set_params``.
    voting : {"soft", "hard"}, default="soft"
        ``"soft"`` predicts the class of largest weighted mean probability;
        ``"hard"`` the class of largest weighted count of member votes (ties go
        to the first class in ``classes_``).
    weights : array-like of shape (n_estimators,), "auto" or None, default=None
        Weights of the members, normalised to sum to 1; None means uniform.
        ``"auto"`` learns them on held-out predictions, see ``objective``.
    objective : {"log_loss", "accuracy"}, default="log_loss"
        What ``weights="auto"`` optimises on the held-out predictions.
        ``"log_loss"`` minimises the log-loss of the soft vote; it is convex in
        the weights, so its optimum is global and stable (soft voting only).
        ``"accuracy"`` maximises the accuracy of the vote with differential
        evolution; it may gain a little accuracy but can overfit small
        validation sets. Learned weights never score below uniform weights
        on the objective.
    fit_members : bool, default=False
        False uses the members as fitted; True fits clones of them on ``X, y``.
    cv : int, cross-validation generator or iterable, default=5
        Splits for the cross-validated predictions that ``weights="auto"``
        learns from when ``fit_members=True``; unused otherwise.
    n_jobs : int, default=None
        Jobs fitting members and computing cross-validated predictions.
    random_state : int, RandomState instance or None, default=None
        Seeds the differential evolution of ``objective="accuracy"``.

    Attributes
    ----------
    estimators_ : list of classifiers
        The fitted members, dropped ones excluded; members used as fitted are
        wrapped in ``FrozenEstimator`` (it forwards every method and attribute).
    named_estimators_ : :class:`~sklearn.utils.Bunch`
        The same, by name.
    weights_ : ndarray of shape (n_members,)
        The weights used, summing to 1.
    classes_ : ndarray of shape (n_classes,)
        The class labels, shared by all members.
    n_features_in_ : int
        Number of features of the first member, when it has that attribute.

    See Also
    --------
    sklearn.ensemble.VotingClassifier : Voting that always fits clones.
    sklearn.frozen.FrozenEstimator : Keeps a fitted estimator from refitting.

    Examples
    --------
    >>> from sklearn.datasets import make_classification
    >>> from sklearn.linear_model import LogisticRegression
    >>> from sklearn.naive_bayes import GaussianNB
    >>> from skfer.ensemble import PrefitVotingClassifier
    >>> X, y = make_classification(n_samples=300, random_state=0)
    >>> lr = LogisticRegression().fit(X[:200], y[:200])
    >>> nb = GaussianNB().fit(X[:200], y[:200])
    >>> vote = PrefitVotingClassifier([("lr", lr), ("nb", nb)], weights="auto")
    >>> vote.fit(X[200:250], y[200:250]).weights_.round(2)
    array([...])
    >>> vote.predict_proba(X[250:]).shape
    (50, 2)
    """

    _parameter_constraints = {
        "estimators": [list],
        "voting": [StrOptions({"soft", "hard"})],
        "weights": ["array-like", StrOptions({"auto"}), None],
        "objective": [StrOptions({"log_loss", "accuracy"})],
        "fit_members": ["boolean"],
        "cv": ["cv_object"],
        "n_jobs": [numbers.Integral, None],
        "random_state": ["random_state"],
    }

    def __init__(
        self,
        estimators,
        *,
        voting="soft",
        weights=None,
        objective="log_loss",
        fit_members=False,
        cv=5,
        n_jobs=None,
        random_state=None,
    ):
        self.estimators = estimators
        self.voting = voting
        self.weights = weights
        self.objective = objective
        self.fit_members = fit_members
        self.cv = cv
        self.n_jobs = n_jobs
        self.random_state = random_state

    # Members validate their own parameters when they are fitted.
    @_fit_context(prefer_skip_nested_validation=False)
    def fit(self, X, y):
        """Fit or freeze the members, check their classes, set the weights.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Training data if ``fit_members=True``; otherwise held-out data,
            used only to learn ``weights="auto"``.
        y : array-like of shape (n_samples,)
            Labels of ``X``.

        Returns
        -------
        self : object
            The fitted ensemble.
        """
        check_classification_targets(y)
        y = column_or_1d(y, warn=True)
        check_consistent_length(X, y)
        names, members = self._members()
        self._check_options(len(self.estimators))
        if self.fit_members:
            members = Parallel(n_jobs=self.n_jobs)(
                delayed(_fit_single_estimator)(clone(m), X, y, {}) for m in members
            )
        else:
            members = [freeze(name, m) for name, m in zip(names, members)]
        self.classes_ = shared_classes(names, members)
        self.estimators_ = members
        self.named_estimators_ = Bunch(**dict(zip(names, members)))
        self.weights_ = self._fit_weights(X, y)
        return self

    def predict(self, X):
        """Predict the class of each sample by weighted vote.

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Samples, as the members accept them.

        Returns
        -------
        y_pred : ndarray of shape (n_samples,)
            Predicted labels, from ``classes_``.
        """
        check_is_fitted(self)
        scores = soft_vote(self._member_scores(X), self.weights_)
        return self.classes_[np.argmax(scores, axis=1)]

    @available_if(lambda self: self.voting == "soft")
    def predict_proba(self, X):
        """Weighted mean of the members' class probabilities (soft voting).

        Parameters
        ----------
        X : array-like of shape (n_samples, n_features)
            Samples, as the members accept them.

        Returns
        -------
        proba : ndarray of shape (n_samples, n_classes)
            Probabilities in the order of ``classes_``.
        """
        check_is_fitted(self)
        return soft_vote(self._member_scores(X), self.weights_)

    @property
    def n_features_in_(self):
        """Number of features seen by the first member."""
        try:
            check_is_fitted(self)
        except NotFittedError as exc:
            raise AttributeError(
                f"{type(self).__name__} has no n_features_in_ before fit."
            ) from exc
        return self.estimators_[0].n_features_in_

    def _members(self):
        names, members = self._validate_estimators()
        kept = [(n, m) for n, m in zip(names, members) if not dropped(m)]
        return [n for n, _ in kept], [m for _, m in kept]

    def _check_options(self, n_estimators):
        if self.voting == "hard" and is_auto(self.weights):
            if self.objective == "log_loss":
                raise ValueError(
                    "objective='log_loss' needs probabilities: with voting='hard' "
                    "use objective='accuracy'."
                )
        if self.weights is not None and not is_auto(self.weights):
            if len(self.weights) != n_estimators:
                raise ValueError(
                    f"{len(self.weights)} weights for {n_estimators} estimators."
                )

    def _fit_weights(self, X, y):
        if not is_auto(self.weights):
            return given_weights(self.weights, self.estimators)
        scores = self._held_out_scores(X, y)
        y_codes = label_codes(self.classes_, y)
        if self.objective == "log_loss":
            return log_loss_weights(scores, y_codes)
        start = log_loss_weights(scores, y_codes) if self.voting == "soft" else None
        return accuracy_weights(scores, y_codes, self.random_state, x0=start)

    def _held_out_scores(self, X, y):
        method = "predict_proba" if self.voting == "soft" else "predict"
        if self.fit_members:
            cv = check_cv(self.cv, y, classifier=True)
            outputs = Parallel(n_jobs=self.n_jobs)(
                delayed(cross_val_predict)(clone(m), X, y, cv=cv, method=method)
                for m in self.estimators_
            )
        else:
            outputs = [getattr(m, method)(X) for m in self.estimators_]
        return self._as_scores(outputs, len(y))

    def _member_scores(self, X):
        method = "predict_proba" if self.voting == "soft" else "predict"
        outputs = [getattr(m, method)(X) for m in self.estimators_]
        return self._as_scores(outputs, _num_samples(X))

    def _as_scores(self, outputs, n_samples):
        method = "predict_proba" if self.voting == "soft" else "predict"
        names = list(self.named_estimators_)
        check_outputs(names, outputs, n_samples, len(self.classes_), method)
        if self.voting == "soft":
            # Keras gives float32 probabilities whose rows miss 1 by ~1e-7,
            # enough for scikit-learn's log_loss to warn: renormalise.
            probas = np.stack([np.asarray(p, dtype=float) for p in outputs])
            return probas / probas.sum(axis=2, keepdims=True)
        votes = np.stack([label_codes(self.classes_, p) for p in outputs])
        return one_hot(votes, len(self.classes_))
