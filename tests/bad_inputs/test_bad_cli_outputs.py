"""Class 1 of issue #15: the command line never loses data.

Every output and option is checked before the data are read or a model is
trained; nothing is overwritten without ``--force``, the data never.
"""

import joblib
import pytest
from bad_helpers import run

from skfer.models import load_model

# (argv, exit status, fragment of the one-line error). "{data}" is a tiny
# .npz, "{old}" an existing file, "{dir}" an existing folder.
REFUSED = [
    (["--out", "{old}"], 2, "exists; pass --force"),
    (["--out", "{data}"], 2, "is the --data file"),
    (["--out", "{data}", "--force"], 2, "is the --data file"),
    (["--out", "{dir}/missing/m.joblib"], 2, "does not exist"),
    (["--out", "{dir}"], 2, "is a folder"),
    (["--out", "{dir}/m.joblib", "--epochs", "0"], 2, "must be at least 1"),
    (["--out", "{dir}/m.joblib", "--epochs", "-3"], 2, "must be at least 1"),
    (["--out", "{dir}/m.joblib", "--epochs", "ten"], 2, "expected an integer"),
    (["--out", "{dir}/m.joblib", "--width", "0"], 2, "must be at least 1"),
    (["--out", "{dir}/m.joblib", "--seed", "-1"], 2, "must be at least 0"),
    (["--out", "{dir}/m.skops", "--model", "cnn2"], 2, "only hog-svm"),
    (["--out", "{dir}/m.joblib", "--data", "{dir}/nowhere.npz"], 1, "nowhere.npz"),
]


@pytest.mark.parametrize("extra, status, message", REFUSED)
def test_train_refuses_before_reading_data(
    extra, status, message, fer_npz, tmp_path, capsys
):
    old = tmp_path / "old.joblib"
    old.write_bytes(b"an earlier model")
    data_bytes = fer_npz.read_bytes()
    names = dict(data=fer_npz, old=old, dir=tmp_path)
    argv = ["train", "--model", "hog-svm", "--data", fer_npz]
    argv += [a.format(**names) for a in extra]
    code, out, err = run(argv, capsys)
    assert code == status and message in err
    assert "training" not in out  # refused before any slow work
    assert old.read_bytes() == b"an earlier model"
    assert fer_npz.read_bytes() == data_bytes
    assert sorted(p.name for p in tmp_path.iterdir()) == ["old.joblib"]


def test_train_force_replaces_only_after_success(fer_npz, tmp_path, capsys):
    out = tmp_path / "model.joblib"
    out.write_bytes(b"an earlier model")
    argv = ["train", "--model", "hog-svm", "--data", fer_npz, "--out", out, "--force"]
    assert run(argv, capsys)[0] == 0
    assert load_model(out).predict_proba  # a model, no longer the old bytes
    assert [p.name for p in tmp_path.iterdir()] == ["model.joblib"]  # no temp left


def test_train_skops_output_loads_back(fer_npz, tmp_path, capsys):
    out = tmp_path / "model.skops"
    argv = ["train", "--model", "hog-svm", "--data", fer_npz, "--out", out]
    assert run(argv, capsys)[0] == 0
    assert out.read_bytes()[:2] == b"PK"
    assert load_model(out).classes_.tolist() == list(range(7))


def test_failed_save_keeps_the_old_file(fer_npz, tmp_path, capsys, monkeypatch):
    out = tmp_path / "model.joblib"
    out.write_bytes(b"an earlier model")

    def disk_full(model, filename, **kwargs):
        with open(filename, "wb") as f:
            f.write(b"half a mod")
        raise OSError(28, "No space left on device", filename)

    monkeypatch.setattr(joblib, "dump", disk_full)
    argv = ["train", "--model", "hog-svm", "--data", fer_npz, "--out", out, "--force"]
    code, _, err = run(argv, capsys)
    assert code == 1 and "No space left on device" in err
    assert out.read_bytes() == b"an earlier model"
    assert [p.name for p in tmp_path.iterdir()] == ["model.joblib"]


@pytest.mark.parametrize(
    "plots, force, status, message",
    [
        ("{charts}", False, 2, "already holds confusion_matrix.png"),
        ("{file}", False, 2, "is a file, not a folder"),
        ("{file}/sub", False, 2, "is a file, not a folder"),
        ("{charts}", True, 0, ""),
        ("{new}/a/b", False, 0, ""),
    ],
)
def test_evaluate_plots_checked_first(
    plots, force, status, message, hog_svm, fer_npz, tmp_path, capsys
):
    charts = tmp_path / "charts"
    charts.mkdir()
    (charts / "confusion_matrix.png").write_bytes(b"earlier chart")
    (tmp_path / "file").write_text("x")
    folder = plots.format(charts=charts, file=tmp_path / "file", new=tmp_path / "new")
    argv = ["evaluate", hog_svm, "--data", fer_npz, "--plots", folder]
    code, out, err = run([*argv, *(["--force"] if force else [])], capsys)
    assert code == status and message in err
    written = (charts / "confusion_matrix.png").read_bytes() != b"earlier chart"
    assert written == (force and status == 0)
    assert ("total wrong predictions" in out) == (status == 0)
