import io as _io
from contextlib import redirect_stderr

import numpy as np
import pytest
from skimage import io

from skfer.datasets import (
    EMOTIONS,
    class_names,
    load_fer2013,
    load_fer2013_sample,
    select_labels,
)

PIXELS = " ".join(["7"] * 2304)


class _Terminal(_io.StringIO):
    """A stream that says it is a terminal: progress bars draw there."""

    def isatty(self):
        return True


def _write_csv(path, rows, header="emotion,pixels,Usage"):
    path.write_text("\n".join([header, *rows]) + "\n")
    return path


def test_csv_round_trip(tmp_path):
    rows = [
        f"{code},{PIXELS},{usage}"
        for code, usage in [(0, "Training"), (3, "PublicTest"), (6, "PrivateTest")]
    ]
    fer = load_fer2013(_write_csv(tmp_path / "fer2013.csv", rows))
    assert fer.data.shape == (3, 2304) and fer.data.dtype == np.uint8
    assert fer.images.shape == (3, 48, 48)
    assert fer.target.tolist() == [0, 3, 6]
    assert list(fer.target_names) == list(EMOTIONS)
    assert fer.usage.tolist() == ["Training", "PublicTest", "PrivateTest"]
    public = load_fer2013(tmp_path / "fer2013.csv", usage="PublicTest")
    assert public.target.tolist() == [3]


def test_csv_without_usage_column(tmp_path):
    fer = load_fer2013(
        _write_csv(tmp_path / "a.csv", [f"2,{PIXELS}"], "emotion,pixels")
    )
    assert fer.usage.tolist() == ["Unknown"]


@pytest.mark.parametrize(
    "row, match",
    [
        ("3," + " ".join(["7"] * 2303) + ",Training", "line 3: expected 2304 pixel"),
        ("3," + PIXELS.replace("7", "x", 1) + ",Training", "line 3: pixels must be"),
        ("3," + PIXELS.replace("7", "300", 1) + ",Training", "line 3: pixel values"),
        ("9," + PIXELS + ",Training", "line 3: unknown emotion code '9'"),
        ("3," + PIXELS + ",Validation", "line 3: unknown Usage 'Validation'"),
        ("3," + PIXELS, "line 3: expected 3 fields"),
    ],
)
def test_malformed_csv_names_the_line(tmp_path, row, match):
    good = f"0,{PIXELS},Training"
    path = _write_csv(tmp_path / "bad.csv", [good, row])
    with pytest.raises(ValueError, match=match):
        load_fer2013(path)


def test_missing_path_is_named(tmp_path):
    with pytest.raises(FileNotFoundError, match="nowhere.csv"):
        load_fer2013(tmp_path / "nowhere.csv")


def test_unknown_usage_lists_available(tmp_path):
    path = _write_csv(tmp_path / "f.csv", [f"0,{PIXELS},Training"])
    with pytest.raises(ValueError, match="PublicTest.*Training"):
        load_fer2013(path, usage="PublicTest")


def _write_image(path, value, shape=(48, 48), rgb=False):
    path.parent.mkdir(parents=True, exist_ok=True)
    image = np.full(shape + ((3,) if rgb else ()), value, dtype=np.uint8)
    io.imsave(path, image, check_contrast=False)


def test_image_folder_layout(tmp_path):
    _write_image(tmp_path / "train" / "happy" / "Training_1.png", 10)
    _write_image(tmp_path / "test" / "sad" / "PublicTest_5.png", 20)
    _write_image(tmp_path / "test" / "sad" / "PrivateTest_6.png", 30)
    _write_image(tmp_path / "test" / "Neutral" / "x.png", 40, (96, 96), rgb=True)
    fer = load_fer2013(tmp_path)
    assert fer.data.shape == (4, 2304)
    by_value = {
        int(img[0]): (t, u) for img, t, u in zip(fer.data, fer.target, fer.usage)
    }
    assert by_value[10] == (3, "Training")
    assert by_value[20] == (4, "PublicTest")
    assert by_value[30] == (4, "PrivateTest")
    assert by_value[40] == (6, "PublicTest")  # no prefix: from the split folder


@pytest.mark.parametrize(
    "folder, usage",
    [
        ("train", "Training"),
        ("Training", "Training"),
        ("test", "PublicTest"),
        ("val", "PublicTest"),
        ("PublicTest", "PublicTest"),
        ("privatetest", "PrivateTest"),
        ("FER2013Train", "Training"),
        ("FER2013Valid", "PublicTest"),
        ("FER2013Test", "PrivateTest"),
        ("fold1", "fold1"),
    ],
)
def test_split_folders_are_fer2013_usages(tmp_path, folder, usage):
    _write_image(tmp_path / folder / "happy" / "a.png", 1)
    assert load_fer2013(tmp_path).usage.tolist() == [usage]
    assert len(load_fer2013(tmp_path, usage=usage).data) == 1


def test_two_split_folders_for_one_usage_are_an_error(tmp_path):
    val, test = tmp_path / "val" / "happy", tmp_path / "test" / "happy"
    _write_image(val / "a.png", 1)
    _write_image(test / "b.png", 2)
    with pytest.raises(ValueError, match=r"\['test', 'val'\] would all be 'Public"):
        load_fer2013(tmp_path)
    # File-name prefixes tell them apart: no error.
    (val / "a.png").rename(val / "PublicTest_1.png")
    (test / "b.png").rename(test / "PrivateTest_2.png")
    usages = sorted(load_fer2013(tmp_path).usage.tolist())
    assert usages == ["PrivateTest", "PublicTest"]


def test_image_folder_progress_bar_on_a_terminal_only(tmp_path, capsys):
    for i in range(3):
        _write_image(tmp_path / "train" / "happy" / f"{i}.png", i)
    with redirect_stderr(_Terminal()) as err:
        load_fer2013(tmp_path, verbose=True)
    assert "reading images:   0%|" in err.getvalue() and "0/3" in err.getvalue()
    load_fer2013(tmp_path, verbose=True)
    assert capsys.readouterr().err == ""


def test_image_folder_without_split_level(tmp_path):
    _write_image(tmp_path / "angry" / "a.png", 1)
    _write_image(tmp_path / "disgust" / "b.png", 2)
    assert load_fer2013(tmp_path).target.tolist() == [0, 1]


def test_image_folder_unknown_class_is_named(tmp_path):
    _write_image(tmp_path / "train" / "happy" / "a.png", 1)
    _write_image(tmp_path / "train" / "bored" / "b.png", 1)
    with pytest.raises(ValueError, match="bored"):
        load_fer2013(tmp_path)


def test_unreadable_image_is_named(tmp_path):
    bad = tmp_path / "happy" / "broken.jpg"
    bad.parent.mkdir()
    bad.write_bytes(b"not a jpeg")
    with pytest.raises(ValueError, match="broken.jpg"):
        load_fer2013(tmp_path)


def test_npz_file_and_folder(tmp_path):
    X = np.arange(2 * 2304, dtype=np.uint8).reshape(2, 48, 48)
    np.savez(tmp_path / "fer2013_publictest.npz", X=X, y=np.array([1, 5]))
    fer = load_fer2013(tmp_path / "fer2013_publictest.npz")
    np.testing.assert_array_equal(fer.images, X)
    assert fer.usage.tolist() == ["PublicTest", "PublicTest"]
    np.savez(tmp_path / "fer2013_train.npz", X=X[:1], y=np.array([2]))
    assert sorted(load_fer2013(tmp_path).usage.tolist()) == [
        "PublicTest",
        "PublicTest",
        "Training",
    ]


def test_npz_with_wrong_arrays(tmp_path):
    np.savez(tmp_path / "x.npz", images=np.zeros((1, 48, 48)))
    with pytest.raises(ValueError, match="'X' and 'y'"):
        load_fer2013(tmp_path / "x.npz")


def test_sample_is_stratified_training():
    fer = load_fer2013_sample()
    assert fer.data.shape == (2000, 2304)
    assert set(fer.usage.tolist()) == {"Training"}
    # Class shares follow FER2013 Training (happy 25.1%, disgust 1.5%).
    shares = np.bincount(fer.target) / len(fer.target)
    assert abs(shares[3] - 7215 / 28709) < 0.005
    assert abs(shares[1] - 436 / 28709) < 0.005


def test_select_labels_three_label_task():
    fer = load_fer2013_sample()
    three = select_labels(fer, ["happy", "sad", 6])
    # One encoding for every subset: FER2013's codes stay.
    assert list(three.target_names) == list(EMOTIONS)
    codes, counts = np.unique(three.target, return_counts=True)
    assert codes.tolist() == [3, 4, 6]
    assert counts.tolist() == [np.sum(fer.target == c) for c in (3, 4, 6)]
    assert len(three.data) == len(three.images) == len(three.usage)
    assert class_names(np.unique(three.target)) == ["happy", "sad", "neutral"]
    np.testing.assert_array_equal(
        three.data[0], fer.data[np.isin(fer.target, [3, 4, 6])][0]
    )


@pytest.mark.parametrize(
    "labels, match", [(["happy", "bored"], "bored"), (["sad", 4], "duplicates")]
)
def test_select_labels_errors(labels, match):
    with pytest.raises(ValueError, match=match):
        select_labels(load_fer2013_sample(), labels)
