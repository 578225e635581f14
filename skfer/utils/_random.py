"""Random generators from scikit-learn's ``random_state`` convention."""

import numbers

import numpy as np
from sklearn.utils import check_random_state


def check_generator(random_state):
    """Turn ``random_state`` into a :class:`numpy.random.Generator`.

    Parameters
    ----------
    random_state : int, RandomState instance, Generator or None
        An int seeds a new generator; a ``RandomState`` (or None, the global
        one) gives a seed drawn from it; a ``Generator`` is returned as is.

    Returns
    -------
    rng : numpy.random.Generator

    Examples
    --------
    >>> from skfer.utils import check_generator
    >>> a, b = check_generator(0), check_generator(0)
    >>> a.integers(1000) == b.integers(1000)
    np.True_
    """
    if isinstance(random_state, np.random.Generator):
        return random_state
    if isinstance(random_state, numbers.Integral):
        return np.random.default_rng(int(random_state))
    seed = check_random_state(random_state).randint(np.iinfo(np.int32).max)
    return np.random.default_rng(seed)
