import io as _io
import json
import subprocess
import sys
from contextlib import redirect_stderr

import joblib
import numpy as np
import pytest
from skimage import data, io

import skfer
from skfer.cli import main
from skfer.cli._main import COMMANDS
from skfer.cli._train import keras_progress


class _Terminal(_io.StringIO):
    """A stream that says it is a terminal: progress bars draw there."""

    def isatty(self):
        return True


@pytest.fixture(scope="module")
def hog_svm_on_a_terminal(tmp_path_factory):
    path = tmp_path_factory.mktemp("models") / "hog_svm.joblib"
    with redirect_stderr(_Terminal()) as err:
        argv = ["train", "--model", "hog-svm", "--labels", "3", "--out", str(path)]
        assert main(argv) == 0
    return path, err.getvalue()


@pytest.fixture(scope="module")
def hog_svm(hog_svm_on_a_terminal):
    return hog_svm_on_a_terminal[0]


@pytest.fixture(scope="module")
def photos(tmp_path_factory):
    folder = tmp_path_factory.mktemp("photos")
    io.imsave(folder / "astronaut.png", data.astronaut())
    io.imsave(
        folder / "wall.png", np.full((100, 120), 90, np.uint8), check_contrast=False
    )
    return folder


def test_train_then_evaluate_with_plots(hog_svm, tmp_path, capsys):
    assert hog_svm.stat().st_size > 0
    code = main(["evaluate", str(hog_svm), "--labels", "3", "--plots", str(tmp_path)])
    out = capsys.readouterr().out
    assert code == 0
    assert "total wrong predictions" in out and "happy" in out and "angry" not in out
    for name in ("confusion_matrix.png", "class_distribution.png"):
        assert io.imread(tmp_path / name).ndim == 3


def test_predict_table_and_json(hog_svm, photos, capsys):
    images = [str(photos / "astronaut.png"), str(photos / "wall.png")]
    assert main(["predict", *images, "--model", str(hog_svm)]) == 0
    table = capsys.readouterr().out.splitlines()
    assert table[0].split()[-3:] == ["happy", "sad", "neutral"]
    assert "no face found" in table[2]
    assert main(["predict", *images, "--model", str(hog_svm), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert [r["file"] for r in result] == images
    (face,) = result[0]["faces"]
    assert result[1]["faces"] == []
    assert set(face["proba"]) == {"happy", "sad", "neutral"}
    assert abs(sum(face["proba"].values()) - 1) < 1e-3
    assert face["label"] == max(face["proba"], key=face["proba"].get)
    assert 40 < face["box"][0] < 100 and 0.9 < face["score"] <= 1


def test_predict_folders_globs_and_bad_files_go_on(hog_svm, photos, tmp_path, capsys):
    (tmp_path / "broken.jpg").write_bytes(b"no image")
    argv = ["predict", str(photos), str(tmp_path / "*.jpg"), "nowhere.png"]
    assert main([*argv, "--model", str(hog_svm), "--detector", "cascade"]) == 1
    out, err = capsys.readouterr()
    assert "astronaut.png" in out and "wall.png" in out and "broken" not in out
    assert err.count("skfer: error:") == 2
    assert "nowhere.png: no such file" in err and "broken.jpg" in err
    assert "Traceback" not in err


def test_path_errors_come_before_any_model_loads(monkeypatch, capsys):
    from skfer.cli import _main

    def fail(*args):
        raise AssertionError("a model was loaded")

    monkeypatch.setattr(_main, "_load", fail)
    assert main(["predict", "nowhere.png", "no/*.jpg"]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0] == "skfer: error: nowhere.png: no such file or folder"
    assert err[1] == "skfer: error: no/*.jpg: no file matches this pattern"


def test_predict_csv_and_annotate(hog_svm, photos, tmp_path, capsys):
    import csv

    images = [str(photos / "astronaut.png"), str(photos / "wall.png")]
    out = tmp_path / "pictures"
    argv = [
        "predict",
        *images,
        "--model",
        str(hog_svm),
        "--csv",
        "--annotate",
        str(out),
    ]
    assert main(argv) == 0
    rows = list(csv.DictReader(capsys.readouterr().out.splitlines()))
    assert [r["file"] for r in rows] == images
    assert rows[0]["label"] in {"happy", "sad", "neutral"} and rows[0]["face"] == "1"
    assert rows[1]["label"] == "" and rows[1]["face"] == ""
    assert sorted(p.name for p in out.iterdir()) == ["astronaut.png", "wall.png"]
    single = tmp_path / "one.png"
    assert (
        main(["predict", images[0], "--model", str(hog_svm), "--annotate", str(single)])
        == 0
    )
    assert io.imread(single).ndim == 3


def test_predict_video(hog_svm, clip, tmp_path, capsys):
    import csv

    timeline = tmp_path / "timeline.png"
    argv = ["predict", str(clip), "--model", str(hog_svm), "--every", "4", "--csv"]
    assert main([*argv, "--annotate", str(timeline)]) == 0
    rows = list(csv.DictReader(capsys.readouterr().out.splitlines()))
    assert [(r["frame"], r["time"]) for r in rows] == [
        ("0", "0.0"),
        ("4", "0.8"),
        ("8", "1.6"),
    ]
    assert all(r["face"] == "1" for r in rows)
    assert io.imread(timeline).ndim == 3


def test_train_cnn_shows_epoch_progress(tmp_path, capsys):
    out = tmp_path / "cnn.joblib"
    code = main(
        ["train", "--model", "tiny-xception", "--epochs", "2", "--out", str(out)]
    )
    assert code == 0 and out.exists()
    printed = capsys.readouterr().out
    # Redirected: Keras' plain line per epoch, no backspaces or colour codes.
    assert "Epoch 2/2" in printed
    assert "\b" not in printed and "\x1b" not in printed
    assert joblib.load(out).get_params()["verbose"] == 0


def test_keras_progress_is_a_bar_on_a_terminal_only():
    callbacks, verbose = keras_progress(100, _Terminal())
    assert [type(c).__name__ for c in callbacks] == ["EpochProgress"]
    assert verbose == 0
    assert keras_progress(100, sys.stderr) == ([], 2)


def test_train_hog_svm_shows_time_and_hog_progress(hog_svm_on_a_terminal, capsys):
    path, drawn = hog_svm_on_a_terminal
    assert "training hog-svm: 00:0" in drawn and "HOG:   0%|" in drawn
    hog = joblib.load(path).steps[0][1]
    assert type(hog).__name__ == "HOGTransformer" and hog.verbose == 0
    # The same command, redirected, draws nothing.
    assert main(["evaluate", str(path), "--labels", "3"]) == 0
    assert capsys.readouterr().err == ""


def test_evaluate_json(hog_svm, capsys):
    assert main(["evaluate", str(hog_svm), "--labels", "3", "--json"]) == 0
    printed = capsys.readouterr()
    figures = json.loads(printed.out)
    # The description goes to standard error: standard output is JSON alone.
    assert printed.err == figures["data"] + "\n"
    assert "bundled FER2013 sample" in figures["data"]
    per_class = figures["per_class"]
    assert list(per_class) == ["happy", "sad", "neutral"]
    assert set(per_class["sad"]) == {"precision", "recall", "f1", "support"}
    n = figures["n_samples"]
    assert n == sum(c["support"] for c in per_class.values()) == 1186
    assert figures["n_wrong"] == round((1 - figures["accuracy"]) * n)
    f1 = np.mean([c["f1"] for c in per_class.values()])
    assert figures["macro_f1"] == pytest.approx(f1)
    counts = np.array(figures["confusion_matrix"]["counts"])
    assert counts.sum() == n and n - np.trace(counts) == figures["n_wrong"]


def test_version_and_help(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["--version"])
    assert exit_.value.code == 0
    assert capsys.readouterr().out.strip() == f"skfer {skfer.__version__}"
    with pytest.raises(SystemExit):
        main(["train", "--help"])
    help_ = capsys.readouterr().out
    assert "(default: 100)" in help_ and "(default: 0)" in help_
    assert "examples:\n  skfer train --model" in help_


def test_bare_skfer_lists_every_command_with_an_example(capsys):
    assert main([]) == 2
    err = capsys.readouterr().err
    assert err.startswith("usage: skfer")
    for name, (_, example) in COMMANDS.items():
        assert f"  {name} " in err and example in err
        assert example.startswith(f"skfer {name}")


@pytest.mark.parametrize(
    "argv, message",
    [
        (["predict", "x.png", "--model", "missing.joblib"], "missing.joblib"),
        (["evaluate", "missing.joblib"], "missing.joblib"),
        (
            ["train", "--model", "hog-svm", "--data", "nowhere.csv", "--out", "m"],
            "nowhere.csv",
        ),
        (["evaluate", "{model}", "--usage", "PublicTest"], "no 'PublicTest'"),
        (["predict", "{bad_image}", "--model", "{model}"], "broken.jpg"),
    ],
)
def test_errors_are_one_line(argv, message, hog_svm, tmp_path, capsys):
    bad = tmp_path / "broken.jpg"
    bad.write_bytes(b"no image")
    argv = [a.format(model=hog_svm, bad_image=bad) for a in argv]
    assert main(argv) == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and err.startswith("skfer: error:")
    assert message in err


def test_console_entry_point_and_usage_errors():
    run = [sys.executable, "-m", "skfer"]
    help_ = subprocess.run([*run, "--help"], capture_output=True, text=True)
    assert help_.returncode == 0 and "predict" in help_.stdout
    bad = subprocess.run(
        [*run, "train", "--model", "vgg", "--out", "m"], capture_output=True, text=True
    )
    assert bad.returncode == 2
    assert bad.stderr.count("\n") == 1 and "invalid choice: 'vgg'" in bad.stderr


def test_demo_prints_a_report(capsys):
    assert main(["demo"]) == 0
    out = capsys.readouterr().out
    assert "total wrong predictions" in out and "of 500" in out


def test_evaluate_predicts_in_chunks_with_a_bar(monkeypatch):
    from skfer.cli import _evaluate

    class Model:
        calls = []

        def predict(self, X):
            self.calls.append(len(X))
            return X[:, 0]

    monkeypatch.setattr(_evaluate, "_CHUNK", 7)
    X = np.arange(60).reshape(30, 2)
    with redirect_stderr(_Terminal()) as err:
        y_pred = _evaluate.predict_in_chunks(Model(), X)
    assert Model.calls == [7, 7, 7, 7, 2]
    np.testing.assert_array_equal(y_pred, X[:, 0])
    assert "predicting:   0%|" in err.getvalue() and "0/30" in err.getvalue()


@pytest.mark.parametrize("detector", ["mtcnn", "cascade"])
def test_predict_min_face(hog_svm, photos, detector, capsys):
    image = str(photos / "astronaut.png")
    argv = ["predict", image, "--model", str(hog_svm), "--detector", detector]
    assert main([*argv, "--min-face", "60", "--json"]) == 0
    (face,) = json.loads(capsys.readouterr().out)[0]["faces"]
    assert face["box"][2] >= 60
    # Her face is about 100 pixels high (MTCNN's windows are loose: it still
    # finds her from 150 up).
    assert main([*argv, "--min-face", "250", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["faces"] == []


def test_min_face_below_mtcnn_window_is_refused(capsys):
    with pytest.raises(SystemExit):
        main(["predict", "photo.jpg", "--min-face", "8"])
    assert "--min-face: must be at least 12, got 8" in capsys.readouterr().err
