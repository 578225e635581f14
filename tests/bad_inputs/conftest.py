"""Shared pieces of the bad-input tables: tiny data, tiny models, the CLI.

Each ``test_bad_*`` module holds one class of failure of issue #15 as a
table: a row is the input, and either the exception (type and a fragment of
its message) or the correct result. Nothing here imports TensorFlow.
"""

import numpy as np
import pytest
from bad_helpers import tiny_fer
from sklearn.pipeline import make_pipeline
from sklearn.svm import LinearSVC

from skfer.features import HOGTransformer
from skfer.models import build_model, save_model


@pytest.fixture(scope="session")
def fer_npz(tmp_path_factory):
    """A 42-image FER2013 ``.npz``: enough for hog-svm, fast to train."""
    X, y = tiny_fer()
    path = tmp_path_factory.mktemp("data") / "fer2013_tiny.npz"
    np.savez(path, X=X, y=y)
    return path


@pytest.fixture(scope="session")
def hog_svm(tmp_path_factory):
    """A fitted hog-svm (calibrated: it has predict_proba), as a .joblib."""
    X, y = tiny_fer()
    model = build_model("hog-svm").fit(X.reshape(len(X), -1), y)
    path = tmp_path_factory.mktemp("models") / "hog_svm.joblib"
    return save_model(model, path)


@pytest.fixture(scope="session")
def no_proba(tmp_path_factory):
    """A fitted HOG + LinearSVC: predict, but no predict_proba."""
    X, y = tiny_fer()
    model = make_pipeline(HOGTransformer(), LinearSVC()).fit(X.reshape(len(X), -1), y)
    path = tmp_path_factory.mktemp("models") / "no_proba.joblib"
    return save_model(model, path)
