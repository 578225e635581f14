"""Class 4 of issue #15: no traceback from the ``skfer`` command.

Every failure is one line on stderr naming the file and what is wrong, with
a documented exit status: 1 bad input, 2 bad arguments, 3 internal error,
130 interrupted.
"""

import pickle

import joblib
import numpy as np
import pytest
from bad_helpers import pickle_of_global, run, tiny_fer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline

from skfer.features import HOGTransformer

PIXELS = " ".join(["7"] * 2304)


def _files(tmp, hog_svm):
    """Bad files by name, written on demand."""
    X, y = tiny_fer(1)
    X = X.reshape(len(X), -1)
    fer_csv = f"emotion,pixels,Usage\n3,{PIXELS.replace('7', '9' * 12, 1)},Training\n"
    hog = HOGTransformer()
    del hog.__dict__["pixels_per_cell"]  # as pickled before the parameter existed
    writers = {
        "truncated.npz": lambda p: (
            np.savez(p, X=X, y=y) or p.write_bytes(p.read_bytes()[:200])
        ),
        "csv_renamed.npz": lambda p: p.write_text(fer_csv),
        "big_pixel.csv": lambda p: p.write_text(fer_csv),
        "scaled.npz": lambda p: np.savez(p, X=X / 255, y=y),
        "old_module.joblib": lambda p: p.write_bytes(
            pickle_of_global("skfer.models._gone", "Model")
        ),
        "old_class.joblib": lambda p: p.write_bytes(
            pickle_of_global("skfer.features._hog", "OldHOGTransformer")
        ),
        "old_params.joblib": lambda p: joblib.dump(hog, p),
        "unfitted.joblib": lambda p: joblib.dump(
            make_pipeline(HOGTransformer(), LogisticRegression()), p
        ),
        "transformer.joblib": lambda p: joblib.dump(HOGTransformer().fit(X), p),
        "dict.joblib": lambda p: p.write_bytes(pickle.dumps({"model": 1}, protocol=4)),
        "text.joblib": lambda p: p.write_text("not a model"),
        "empty.joblib": lambda p: p.write_bytes(b""),
        "foreign.joblib": lambda p: p.write_bytes(pickle_of_global("nopkg_xyz", "M")),
        "text.jpg": lambda p: p.write_text("not an image"),
        "face.npz": lambda p: np.savez(p, X=X, y=y),
    }
    paths = {"model": hog_svm}
    for name, write in writers.items():
        paths[name.replace(".", "_")] = tmp / name
        write(tmp / name)
    return paths


# (argv, exit status, fragment of the one-line error)
ROWS = [
    (["predict", "{text_jpg}", "--model", "{no_proba}"], 1, "has no predict_proba"),
    (["evaluate", "{model}", "--data", "{truncated_npz}"], 1, "not a readable .npz"),
    (["evaluate", "{model}", "--data", "{csv_renamed_npz}"], 1, "not a readable .npz"),
    (["evaluate", "{model}", "--data", "{big_pixel_csv}"], 1, "line 2: pixel values"),
    (["evaluate", "{model}", "--data", "{scaled_npz}"], 1, "scaled to [0, 1]"),
    (["evaluate", "{old_module_joblib}"], 1, "another version of skfer"),
    (["evaluate", "{old_class_joblib}"], 1, "another version of skfer"),
    (["evaluate", "{old_params_joblib}"], 1, "pixels_per_cell"),
    (["evaluate", "{unfitted_joblib}"], 1, "holds an unfitted Pipeline"),
    (["evaluate", "{transformer_joblib}"], 1, "HOGTransformer, which cannot predict"),
    (["evaluate", "{dict_joblib}"], 1, "builtins.dict, not a skfer model"),
    (["evaluate", "{text_joblib}"], 1, "is a text file, not a model"),
    (["evaluate", "{empty_joblib}"], 1, "is an empty file"),
    (["evaluate", "{foreign_joblib}"], 1, "needs the package 'nopkg_xyz'"),
    (["evaluate", "{face_npz}"], 1, "is a zip archive (an .npz"),
    (
        ["predict", "{text_jpg}", "--model", "{model}"],
        1,
        "text.jpg: not a readable image",
    ),
    (["predict", "{tmp}/gone.jpg", "--model", "{model}"], 1, "no such file"),
    (["predict", "{text_jpg}", "--model", "{tmp}/gone.joblib"], 1, "gone.joblib"),
    (["evaluate", "{model}", "--data", "{tmp}/gone.csv"], 1, "gone.csv"),
    (["evaluate", "{model}", "--data", "{face_npz}", "--usage", "X"], 1, "no 'X'"),
    (["evaluate", "{model}", "--labels", "5"], 2, "invalid choice: 5"),
    (["train", "--model", "vgg", "--out", "m"], 2, "invalid choice: 'vgg'"),
]


@pytest.mark.parametrize("argv, status, message", ROWS)
def test_one_line_per_failure(
    argv, status, message, hog_svm, no_proba, tmp_path, capsys
):
    paths = _files(tmp_path, hog_svm)
    names = {**paths, "no_proba": no_proba, "tmp": tmp_path}
    code, _, err = run([a.format(**names) for a in argv], capsys)
    assert code == status
    assert message in err


def test_unexpected_error_is_one_line_with_status_3(hog_svm, monkeypatch, capsys):
    from skfer.cli import _evaluate

    def bug(*args, **kwargs):
        raise TypeError("unsupported operand\nsecond line")

    monkeypatch.setattr(_evaluate, "evaluate", bug)
    code, _, err = run(["evaluate", hog_svm], capsys)
    assert code == 3
    assert "internal error, please report it (TypeError: unsupported operand" in err


def test_traceback_on_request(hog_svm, monkeypatch):
    from skfer.cli import _evaluate, main

    monkeypatch.setattr(_evaluate, "evaluate", lambda *a, **k: 1 / 0)
    monkeypatch.setenv("SKFER_TRACEBACK", "1")
    with pytest.raises(ZeroDivisionError):
        main(["evaluate", str(hog_svm)])


def test_interrupt_is_status_130(hog_svm, monkeypatch, capsys):
    from skfer.cli import _evaluate

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(_evaluate, "evaluate", interrupted)
    code, _, err = run(["evaluate", hog_svm], capsys)
    assert code == 130 and err == "skfer: interrupted\n"
