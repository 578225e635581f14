"""Class 6 of issue #15: untrusted model files.

A joblib file is a pickle, and unpickling runs code: that is said in
``--help`` and the docs, and cannot be checked away. What can be checked is:
files that are not pickles are refused before unpickling, ``.skops`` files
are never unpickled and hold only allowed types, and the shipped models
match the checksums recorded beside them.
"""

import hashlib
import pickle
import subprocess
import sys
import zipfile
from importlib import resources
from pathlib import Path

import numpy as np
import pytest
import skops.io
from bad_helpers import OpensFile, tiny_fer
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.pipeline import make_pipeline

from skfer.ensemble import PrefitVotingClassifier
from skfer.models import load_model, save_model
from skfer.pretrained import _load as pretrained

DOCS = Path(__file__).resolve().parents[2] / "docs" / "user_guide"


class SetsStateLoudly(TransformerMixin, BaseEstimator):
    """A type skfer does not allow in .skops files; building it makes a file."""

    marker = None

    def fit(self, X, y=None):
        return self

    def transform(self, X):
        return X

    def __setstate__(self, state):
        Path(state["marker"]).touch()
        super().__setstate__(state)


def _payload(path, marker):
    path.write_bytes(pickle.dumps(OpensFile(marker), protocol=4))
    return path


@pytest.mark.parametrize("name", ["model.skops", "model.SKOPS"])
def test_pickle_named_skops_is_never_unpickled(name, tmp_path):
    marker = tmp_path / "ran"
    path = _payload(tmp_path / name, marker)
    with pytest.raises(ValueError, match="named .skops but is a pickle"):
        load_model(path)
    assert not marker.exists()


def test_pickle_in_a_zip_is_never_unpickled(tmp_path):
    marker = tmp_path / "ran"
    path = tmp_path / "model.joblib"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("model.pkl", pickle.dumps(OpensFile(marker)))
    with pytest.raises(ValueError, match="is a zip archive"):
        load_model(path)
    assert not marker.exists()


def test_skops_file_with_other_types_is_refused_before_building(hog_svm, tmp_path):
    marker = tmp_path / "ran"
    step = SetsStateLoudly()
    step.marker = str(marker)
    model = make_pipeline(step, load_model(hog_svm))
    path = tmp_path / "model.skops"
    skops.io.dump(model, path)
    with pytest.raises(ValueError, match=r"types that skfer does not load.*SetsState"):
        load_model(path)
    assert not marker.exists()


def test_save_model_refuses_skops_it_would_not_load(hog_svm, tmp_path):
    model = make_pipeline(SetsStateLoudly(), load_model(hog_svm))
    with pytest.raises(ValueError, match="save such a model with joblib"):
        save_model(model, tmp_path / "model.skops")
    assert list(tmp_path.iterdir()) == []


def test_save_model_refuses_keras_as_skops(tmp_path):
    keras = pytest.importorskip("skfer.keras")
    with pytest.raises(ValueError, match="cannot be saved as .skops"):
        save_model(keras.CNN1Classifier(), tmp_path / "cnn.skops")


def test_skops_round_trip_of_an_ensemble(hog_svm, tmp_path):
    X, y = tiny_fer()
    X = X.reshape(len(X), -1)
    member = load_model(hog_svm)
    vote = PrefitVotingClassifier([("a", member), ("b", member)]).fit(X, y)
    path = save_model(vote, tmp_path / "vote.skops")
    np.testing.assert_array_equal(
        load_model(path).predict_proba(X), vote.predict_proba(X)
    )


def test_shipped_models_match_their_recorded_checksums():
    folder = resources.files("skfer.pretrained")
    recorded = pretrained._recorded_checksums()
    shipped = sorted(f.name for f in folder.iterdir() if f.name.endswith(".joblib"))
    assert sorted(recorded) == shipped, "regenerate: sha256sum *.joblib > SHA256SUMS"
    for name in shipped:
        digest = hashlib.sha256(folder.joinpath(name).read_bytes()).hexdigest()
        assert digest == recorded[name], f"{name}: run sha256sum *.joblib > SHA256SUMS"


@pytest.mark.parametrize(
    "recorded, fragment",
    [
        ({}, "No checksum is recorded"),
        ({"fer2013_7labels.joblib": "0" * 64}, "does not match"),
    ],
)
def test_shipped_model_not_matching_is_not_unpickled(recorded, fragment, monkeypatch):
    import skfer.models

    def must_not_run(path):
        raise AssertionError("unpickled a file that failed its checksum")

    monkeypatch.setattr(pretrained, "_recorded_checksums", lambda: recorded)
    monkeypatch.setattr(skfer.models, "load_model", must_not_run)
    with pytest.raises(ValueError, match=fragment):
        pretrained.load("fer2013")


def test_checksum_refuses_a_payload_before_it_runs(tmp_path):
    marker = tmp_path / "ran"
    path = _payload(tmp_path / "fer2013_7labels.joblib", marker)
    with pytest.raises(ValueError, match="does not match its checksum"):
        pretrained.check_checksum(path, "0" * 64)
    assert not marker.exists()


def test_a_trusted_pickle_does_run_code(tmp_path):
    # What the warnings are about: only trust decides for joblib files.
    marker = tmp_path / "ran"
    with pytest.raises(ValueError, match="not a skfer model"):
        load_model(_payload(tmp_path / "model.joblib", marker))
    assert marker.exists()


@pytest.mark.parametrize("command", ["predict", "evaluate", "train"])
def test_help_says_model_files_run_code(command):
    done = subprocess.run(
        [sys.executable, "-m", "skfer", command, "--help"],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0
    text = " ".join(done.stdout.split())
    assert "loading one runs whatever code it holds" in text
    assert "exit status: 0 done; 1" in text


def test_guides_say_model_files_run_code():
    cli = " ".join((DOCS / "cli.rst").read_text().split())
    persistence = " ".join((DOCS / "persistence.rst").read_text().split())
    assert "runs whatever code it holds" in cli
    assert "Security and persistence" in persistence
    assert "SHA256SUMS" in persistence and "skops" in persistence
