import json
import os
import subprocess
import sys
from pathlib import Path

import joblib
import numpy as np
import pytest

from skfer.augment import ten_crop
from skfer.cli import main
from skfer.datasets import FERPLUS_EMOTIONS, load_fer2013_sample
from skfer.keras import TinyXceptionClassifier
from skfer.models import strip_for_shipping
from skfer.pretrained import load

PHOTO = Path(__file__).resolve().parents[1] / "examples" / "images" / "astronaut.jpg"


def test_shipped_model_is_a_fitted_7_class_classifier():
    model = load("fer2013")
    X = load_fer2013_sample().data[:50]
    proba = model.predict_proba(X)
    assert model.classes_.tolist() == list(range(7))
    assert proba.shape == (50, 7)
    np.testing.assert_allclose(proba.sum(axis=1), 1, rtol=1e-5)
    np.testing.assert_array_equal(model.predict(X), model.classes_[proba.argmax(1)])


def test_shipped_ferplus_model_predicts_the_eight_ferplus_names():
    model = load("ferplus")
    X = load_fer2013_sample().data[:30]
    proba = model.predict_proba(X)
    assert sorted(model.classes_) == sorted(FERPLUS_EMOTIONS)
    assert proba.shape == (30, 8)
    assert set(model.predict(X)) <= set(FERPLUS_EMOTIONS)
    with pytest.raises(ValueError, match="No shipped model 'ferplus' with 3"):
        load("ferplus", labels=3)


@pytest.mark.parametrize(
    "name, labels, views",
    [("fer2013", 7, "ten-crop"), ("fer2013", 3, "flip"), ("ferplus", None, "ten-crop")],
)
def test_shipped_models_average_their_chosen_views_by_default(name, labels, views):
    X = load_fer2013_sample().images[:20]
    default = load(name, labels=labels)
    plain = load(name, labels=labels, test_time_augmentation=None)
    assert default.test_time_augmentation == views
    assert plain.test_time_augmentation is None
    each = [
        plain.predict_proba(view.reshape(len(X), -1))
        for view in (ten_crop(X) if views == "ten-crop" else [X, X[:, :, ::-1]])
    ]
    np.testing.assert_allclose(
        default.predict_proba(X.reshape(len(X), -1)), np.mean(each, axis=0), rtol=1e-5
    )


def test_shipped_model_sees_the_smile_on_the_example_photo(capsys):
    # The README's main job: no --model means the default shipped model,
    # the FER+ one; --model fer2013 the FER2013 one.
    for argv, smile in [([], "happiness"), (["--model", "fer2013"], "happy")]:
        assert main(["predict", str(PHOTO), "--json", *argv]) == 0
        out = json.loads(capsys.readouterr().out)
        ((face,),) = [photo["faces"] for photo in out]
        assert face["label"] == smile



def test_readme_main_job_prints_only_its_table():
    # TensorFlow's start-up log is not part of the answer.
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("TF_ENABLE_ONEDNN_OPTS", "TF_CPP_MIN_LOG_LEVEL")
    }
    done = subprocess.run(
        [sys.executable, "-m", "skfer", "predict", str(PHOTO)],
        capture_output=True,
        text=True,
        env=env,
    )
    assert done.returncode == 0
    assert done.stderr == ""
    header, row = done.stdout.splitlines()
    assert header.split()[:2] == ["file", "face"] and "happiness" in row.split()
    # Every FER+ name whole in the header, "happiness" too (9 letters).
    assert header.split()[-8:] == sorted(FERPLUS_EMOTIONS)

def test_shipped_three_label_model_keeps_fer_codes(capsys):
    model = load("fer2013", labels=3)
    assert model.classes_.tolist() == [3, 4, 6]
    assert main(["predict", str(PHOTO), "--labels", "3"]) == 0
    header = capsys.readouterr().out.splitlines()[0]
    assert header.split()[-3:] == ["happy", "sad", "neutral"]


def test_unknown_shipped_model_is_named():
    with pytest.raises(ValueError, match="'imagenet'"):
        load("imagenet")


def test_strip_for_shipping_keeps_predictions(tmp_path):
    fer = load_fer2013_sample()
    clf = TinyXceptionClassifier(width=4, epochs=1, random_state=0)
    clf.fit(fer.data[:64], fer.target[:64])
    before = clf.predict_proba(fer.data[:20])
    full = tmp_path / "full.joblib"
    joblib.dump(clf, full, compress=3)
    stripped = tmp_path / "stripped.joblib"
    joblib.dump(strip_for_shipping(clf), stripped, compress=3)
    loaded = joblib.load(stripped)
    np.testing.assert_array_equal(loaded.predict_proba(fer.data[:20]), before)
    assert stripped.stat().st_size < full.stat().st_size
    # Uncompiled: no backend-specific optimizer class in the file.
    assert not loaded.model_.compiled
    assert loaded.model_.get_compile_config() == {}


def test_stripped_model_trains_further(tmp_path):
    fer = load_fer2013_sample()
    clf = TinyXceptionClassifier(width=4, epochs=1, random_state=0)
    clf.fit(fer.data[:64], fer.target[:64])
    path = tmp_path / "stripped.joblib"
    joblib.dump(strip_for_shipping(clf), path)
    # warm_start continues up to `epochs` in all: one more epoch.
    loaded = joblib.load(path).set_params(warm_start=True, epochs=2)
    weights = loaded.model_.get_weights()[0].copy()
    loaded.fit(fer.data[:64], fer.target[:64])
    assert loaded.model_.compiled
    assert not np.array_equal(loaded.model_.get_weights()[0], weights)
