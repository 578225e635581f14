"""Voting weights learned on held-out predictions, with scipy.optimize."""

import numpy as np
from scipy.optimize import differential_evolution, minimize

# Floor of a probability inside log(): keeps a member that gives the true class
# exactly zero from making the loss infinite.
_EPS = 1e-15


def soft_vote(probas, weights):
    """Weighted mean of member probabilities, shape (n_samples, n_classes)."""
    return np.tensordot(weights / np.sum(weights), probas, axes=1)


def one_hot(codes, n_classes):
    """Votes as indicator rows: a hard vote is the soft vote of these."""
    return (codes[..., np.newaxis] == np.arange(n_classes)).astype(float)


def log_loss_weights(probas, y_codes):
    """Simplex weights minimising the log-loss of the soft vote.

    The log-loss of a mixture ``-mean(log(sum_m w_m p_m[true]))`` is convex in
    ``w``, so SLSQP on the simplex finds the global minimum.

    Parameters
    ----------
    probas : ndarray of shape (n_members, n_samples, n_classes)
    y_codes : ndarray of shape (n_samples,), int column index of the true class

    Returns
    -------
    weights : ndarray of shape (n_members,), non-negative, summing to 1
    """
    n_members = probas.shape[0]
    p_true = probas[:, np.arange(probas.shape[1]), y_codes]

    def loss_and_grad(w):
        mix = np.maximum(w @ p_true, _EPS)
        return -np.mean(np.log(mix)), -(p_true / mix).mean(axis=1)

    result = minimize(
        loss_and_grad,
        np.full(n_members, 1 / n_members),
        jac=True,
        method="SLSQP",
        bounds=[(0, 1)] * n_members,
        constraints={"type": "eq", "fun": lambda w: np.sum(w) - 1},
    )
    return _normalise(result.x)


def accuracy_weights(scores, y_codes, seed, x0=None):
    """Weights maximising the accuracy of the weighted vote on held-out rows.

    Accuracy is a step function of the weights, so gradients are useless;
    differential evolution searches the box ``[0, 1] ** n_members`` instead.
    Uniform weights and ``x0`` compete too, so the result never scores below
    them.

    Parameters
    ----------
    scores : ndarray of shape (n_members, n_samples, n_classes)
        Member probabilities (soft voting) or :func:`one_hot` votes (hard).
    y_codes : ndarray of shape (n_samples,), int column index of the true class
    seed : int or None
    x0 : ndarray of shape (n_members,) or None
        A starting point, e.g. the log-loss weights.

    Returns
    -------
    weights : ndarray of shape (n_members,), non-negative, summing to 1
    """

    def error(w):
        if not np.any(w > 0):
            return 1.0
        return np.mean(np.argmax(soft_vote(scores, w), axis=1) != y_codes)

    n_members = scores.shape[0]
    uniform = np.full(n_members, 1 / n_members)
    candidates = [uniform] if x0 is None else [uniform, _normalise(x0)]
    result = differential_evolution(
        error, [(0, 1)] * n_members, seed=seed, x0=candidates[-1],
        maxiter=100, tol=1e-6, polish=False,
    )
    candidates.append(result.x)
    # min() keeps the first of equal errors: uniform wins ties.
    best = min(candidates, key=error)
    return _normalise(best)


def _normalise(w):
    w = np.clip(w, 0, None)
    total = w.sum()
    return w / total if total > 0 else np.full(len(w), 1 / len(w))
