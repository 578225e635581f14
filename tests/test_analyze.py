import json

import numpy as np
import pytest
from skimage import data
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.dummy import DummyClassifier
from sklearn.exceptions import NotFittedError
from sklearn.linear_model import LogisticRegression

import skfer
from skfer.datasets import EMOTIONS, FERPLUS_EMOTIONS, load_fer2013_sample


def _check_record(face, names):
    assert set(face) == {"box", "score", "label", "proba"}
    assert len(face["box"]) == 4 and all(isinstance(v, int) for v in face["box"])
    assert list(face["proba"]) == list(names)
    assert sum(face["proba"].values()) == pytest.approx(1)
    assert face["label"] == max(face["proba"], key=face["proba"].get)
    json.dumps(face)  # plain Python values only


def test_any_fitted_model_and_the_cascade(hog_model):
    (face,) = skfer.analyze(data.astronaut(), model=hog_model, detector="cascade")
    _check_record(face, EMOTIONS)
    assert face["box"] == (64, 172, 103, 103) and face["score"] is None


def test_mtcnn_finds_her_not_the_cat(hog_model):
    (face,) = skfer.analyze(data.astronaut(), model=hog_model)
    _check_record(face, EMOTIONS)
    assert 0.9 < face["score"] <= 1
    assert skfer.analyze(data.chelsea(), model=hog_model) == []


def test_gray_photo_and_path(hog_model, tmp_path):
    from skimage import io

    path = tmp_path / "gray.png"
    io.imsave(path, (data.astronaut()[..., 1]))
    (face,) = skfer.analyze(path, model=hog_model)
    assert 40 < face["box"][0] < 100


def test_label_names_follow_the_model():
    fer = load_fer2013_sample()
    X = fer.data[:300]
    # Names as classes (FER+-style strings) pass through unchanged.
    named = DummyClassifier().fit(X, np.array(EMOTIONS)[fer.target[:300]])
    (face,) = skfer.analyze(data.astronaut(), model=named, detector="cascade")
    assert set(face["proba"]) == set(EMOTIONS)
    three = np.isin(fer.target, [3, 4, 6])
    codes = DummyClassifier().fit(fer.data[three], fer.target[three])
    (face,) = skfer.analyze(data.astronaut(), model=codes, detector="cascade")
    assert list(face["proba"]) == ["happy", "sad", "neutral"]


def test_bad_models_are_named():
    with pytest.raises(TypeError, match="load_model"):
        skfer.analyze(data.astronaut(), model="model.joblib")
    with pytest.raises(TypeError, match="predict_proba"):
        skfer.analyze(data.astronaut(), model=object())
    with pytest.raises(NotFittedError):
        skfer.analyze(data.astronaut(), model=LogisticRegression())


def test_shipped_model_by_default():
    # The default is the FER+ model, closer to the crowd; names in its order.
    (face,) = skfer.analyze(data.astronaut())
    _check_record(face, sorted(FERPLUS_EMOTIONS))
    assert face["label"] == "happiness"


def test_video_every_nth_frame(hog_model, clip):
    frames = skfer.analyze_video(clip, model=hog_model, every=5)
    assert [f["frame"] for f in frames] == [0, 5, 10]
    assert [f["time"] for f in frames] == pytest.approx([0.0, 1.0, 2.0])
    for frame in frames:
        (face,) = frame["faces"]
        _check_record(face, EMOTIONS)
    # The face slides right by 3 pixels a frame.
    cols = [f["faces"][0]["box"][1] for f in frames]
    assert cols[0] < cols[1] < cols[2]


def test_video_errors_are_named(hog_model, tmp_path):
    bad = tmp_path / "broken.mp4"
    bad.write_bytes(b"not a video")
    with pytest.raises(ValueError, match="broken.mp4"):
        skfer.analyze_video(bad, model=hog_model)
    with pytest.raises(FileNotFoundError):
        skfer.analyze_video(tmp_path / "nowhere.mp4", model=hog_model)
    with pytest.raises(ValueError, match="every"):
        skfer.analyze_video(bad, model=hog_model, every=0)


def test_video_batches_read_ahead_keep_frame_order(hog_model, clip):
    one_by_one = skfer.analyze_video(clip, model=hog_model, every=2, batch_size=1)
    together = skfer.analyze_video(clip, model=hog_model, every=2, batch_size=16)
    assert [f["frame"] for f in one_by_one] == [0, 2, 4, 6, 8, 10]
    assert [f["frame"] for f in together] == [0, 2, 4, 6, 8, 10]
    # MTCNN's batches differ in rounding only: the same face in each frame.
    for alone, batched in zip(one_by_one, together, strict=True):
        (a,), (b,) = alone["faces"], batched["faces"]
        np.testing.assert_allclose(a["box"], b["box"], atol=2)


class _FailsOnSecondBatch(ClassifierMixin, BaseEstimator):
    """A model that breaks while the next batch is being decoded."""

    def __init__(self, model):
        self.model = model

    def fit(self, X, y):
        self.classes_, self.calls = self.model.classes_, 0
        return self

    def predict_proba(self, X):
        self.calls += 1
        if self.calls == 2:
            raise RuntimeError("model broke")
        return self.model.predict_proba(X)


def test_video_error_while_reading_ahead_stops_the_reader(
    hog_model, clip, monkeypatch
):
    import imageio_ffmpeg

    closed, read_frames = [], imageio_ffmpeg.read_frames

    def recording(*args, **kwargs):
        frames = read_frames(*args, **kwargs)
        try:
            yield from frames
        finally:
            frames.close()  # stops ffmpeg
            closed.append(True)

    monkeypatch.setattr(imageio_ffmpeg, "read_frames", recording)
    model = _FailsOnSecondBatch(hog_model).fit(None, None)
    with pytest.raises(RuntimeError, match="model broke"):
        skfer.analyze_video(clip, model=model, every=1, batch_size=2)
    assert closed == [True]
