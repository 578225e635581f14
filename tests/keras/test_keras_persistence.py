"""joblib round trips and skfer.models.load_model's errors."""

import joblib
import numpy as np
import pytest
from imblearn.pipeline import make_pipeline

from skfer.keras import CNN2Classifier, HOGCNNClassifier
from skfer.models import load_model
from skfer.over_sampling import AugmentingOversampler


@pytest.fixture(scope="module")
def saved(data, tmp_path_factory, shape, fast):
    X, y = data
    pipeline = make_pipeline(
        AugmentingOversampler(image_shape=shape, random_state=0),
        HOGCNNClassifier(**fast),
    ).fit(X, y)
    path = tmp_path_factory.mktemp("models") / "pipeline.joblib"
    joblib.dump(pipeline, path)
    return pipeline, path


def test_classifier_round_trip(data, tmp_path, fast):
    X, y = data
    clf = CNN2Classifier(**fast).fit(X, y)
    joblib.dump(clf, tmp_path / "cnn2.joblib")
    loaded = load_model(tmp_path / "cnn2.joblib")
    np.testing.assert_array_equal(loaded.predict_proba(X), clf.predict_proba(X))
    assert loaded.history_ == clf.history_


def test_pipeline_round_trip(data, saved):
    X, _ = data
    pipeline, path = saved
    loaded = load_model(path)
    np.testing.assert_array_equal(
        loaded.predict_proba(X), pipeline.predict_proba(X)
    )


def test_truncated_file(saved, tmp_path):
    _, path = saved
    cut = tmp_path / "cut.joblib"
    cut.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    with pytest.raises(ValueError, match="truncated, corrupt"):
        load_model(cut)


def test_not_a_pickle(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("happy, sad, neutral\n")
    with pytest.raises(ValueError, match="not a readable skfer model"):
        load_model(path)


def test_not_a_skfer_model(tmp_path):
    joblib.dump({"weights": [1, 2]}, tmp_path / "dict.joblib")
    with pytest.raises(ValueError, match="builtins.dict, not a skfer model"):
        load_model(tmp_path / "dict.joblib")


def test_missing_file(tmp_path):
    with pytest.raises(FileNotFoundError):
        load_model(tmp_path / "nothing.joblib")
