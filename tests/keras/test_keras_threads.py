"""Seeded fits in threads of one process give the fits of one thread."""

import threading

import numpy as np
from sklearn.base import clone

from skfer.keras import CNN1Classifier


def test_fits_in_threads_take_turns(data, fast):
    # Keras and TensorFlow draw from process-wide random state: fits running
    # side by side in threads (joblib's threading backend, a Dask worker's
    # threads) would interleave their draws.
    X, y = data
    clf = CNN1Classifier(**fast)
    halves = [slice(0, 30), slice(30, 60)]
    alone = [clone(clf).fit(X[h], y[h]).model_.get_weights() for h in halves]
    side_by_side = [clone(clf), clone(clf)]
    threads = [
        threading.Thread(target=model.fit, args=(X[h], y[h]))
        for model, h in zip(side_by_side, halves)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for model, weights in zip(side_by_side, alone):
        for got, expected in zip(model.model_.get_weights(), weights):
            np.testing.assert_array_equal(got, expected)
