import numpy as np
import pytest
from skimage import data

from skfer.plotting import plot_emotion_timeline, plot_faces


def _face(box, label, p):
    proba = {"happy": p, "sad": 1 - p}
    return {"box": box, "score": 0.99, "label": label, "proba": proba}


FACES = [_face((64, 182, 107, 83), "happy", 0.8), _face((2, 10, 30, 30), "sad", 0.3)]


def test_boxes_and_labels_on_the_photo(tmp_path):
    from matplotlib.patches import Rectangle

    path = tmp_path / "faces.png"
    ax = plot_faces(data.astronaut(), FACES, path=path)
    boxes = [p for p in ax.patches if isinstance(p, Rectangle)]
    assert [(b.get_x(), b.get_y(), b.get_width(), b.get_height()) for b in boxes] == [
        (181.5, 63.5, 83, 107),
        (9.5, 1.5, 30, 30),
    ]
    assert [t.get_text() for t in ax.texts] == ["happy 0.80", "sad 0.70"]
    assert path.stat().st_size > 0


def test_probability_bars_per_face():
    ax = plot_faces(data.astronaut(), FACES, proba=True)
    bars = [a for a in ax.figure.axes if a is not ax]
    assert [a.get_title(loc="left") for a in bars] == ["face 1", "face 2"]
    assert [t.get_text() for t in ax.texts] == ["1 happy 0.80", "2 sad 0.70"]
    widths = [round(p.get_width(), 2) for p in bars[0].patches]
    assert widths == [0.8, 0.2]


def test_no_face_and_bad_arguments():
    ax = plot_faces(np.zeros((40, 60)), [])
    assert ax.get_title() == "no face found"
    import matplotlib.pyplot as plt

    _, ax = plt.subplots()
    with pytest.raises(ValueError, match="ax=None"):
        plot_faces(np.zeros((40, 60)), FACES, proba=True, ax=ax)


def test_timeline_leaves_gaps_where_no_face(tmp_path):
    frames = [
        {"frame": 0, "time": 0.0, "faces": [FACES[0]]},
        {"frame": 5, "time": 0.5, "faces": []},
        {"frame": 10, "time": 1.0, "faces": [FACES[1], FACES[0]]},
    ]
    ax = plot_emotion_timeline(frames, path=tmp_path / "t.png")
    happy, sad = ax.get_lines()
    assert happy.get_label() == "happy" and ax.get_xlabel() == "time (s)"
    np.testing.assert_allclose(happy.get_ydata(), [0.8, np.nan, 0.3])
    np.testing.assert_allclose(sad.get_xdata(), [0.0, 0.5, 1.0])
    with pytest.raises(ValueError, match="empty"):
        plot_emotion_timeline([])
