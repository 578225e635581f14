"""Class 2 of issue #15: the readers refuse instead of guessing.

One rule for the csv, the ``.npz`` files and the image folders: pixels are
gray levels 0..255 (any integer dtype, or floats that are whole numbers),
labels the codes 0..6; anything else is refused with the file named.
"""

import warnings

import imageio.v3 as iio
import numpy as np
import pytest

from skfer.datasets import load_fer2013

RNG = np.random.default_rng(0)
X8 = RNG.integers(0, 256, size=(3, 48, 48), dtype=np.uint8)
Y = np.array([0, 3, 6])
PIXELS = " ".join(["7"] * 2304)


def npz(**arrays):
    def write(tmp):
        path = tmp / "fer2013_train.npz"
        np.savez(path, **{"X": X8, "y": Y, **arrays})
        return path

    return write


def raw(name, data):
    def write(tmp):
        path = tmp / name
        path.write_bytes(data)
        return path

    return write


def csv(*rows, header="emotion,pixels,Usage", encoding="utf-8", end="\n"):
    text = end.join([header, *rows]) + end
    return raw("fer2013.csv", text.encode(encoding))


def folder(*files):
    """Image files (relative paths) of a 48x48 gray face; ``.txt`` files hold text."""

    def write(tmp):
        root = tmp / "images"
        for name in files:
            path = root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            if name.endswith(".txt"):
                path.write_text("notes")
            else:
                iio.imwrite(path, X8[0])
        return root

    return write


def _pixels(first):
    return "3," + PIXELS.replace("7", first, 1) + ",Training"


def _only_x(tmp):
    path = tmp / "fer2013_train.npz"
    np.savez(path, X=X8, images=X8)
    return path


def _npz_bytes():
    import io

    buffer = io.BytesIO()
    np.savez(buffer, X=X8, y=Y)
    return buffer.getvalue()


def _npy_bytes():
    import io

    buffer = io.BytesIO()
    np.save(buffer, X8)
    return buffer.getvalue()


# (writer, exception type, fragment of the message); every message also
# names the file, which the test checks.
REFUSED = {
    "npz floats in [0, 1]": (npz(X=X8 / 255), "scaled to [0, 1]"),
    "npz floats not whole": (npz(X=X8 + 0.5), "whole gray levels"),
    "npz int above 255": (npz(X=X8.astype(int) + 100), "0..255; got 100 to 355"),
    "npz negative int": (npz(X=X8.astype(np.int16) - 1), "got -1 to"),
    "npz NaN pixel": (npz(X=np.where(X8 > 250, np.nan, X8)), "NaN"),
    "npz inf pixel": (npz(X=np.where(X8 > 250, np.inf, X8)), "infinite"),
    "npz bool X": (npz(X=X8 > 128), "dtype bool"),
    "npz str X": (npz(X=X8.astype(str)), "dtype <U"),
    "npz complex X": (npz(X=X8.astype(complex)), "dtype complex"),
    "npz object X": (npz(X=np.array([X8[0], "a"], dtype=object)), "Python objects"),
    "npz X wrong shape": (npz(X=X8[:, :40]), "(N, 48, 48) or (N, 2304)"),
    "npz X one image 2-D": (npz(X=X8[0], y=Y[:1]), "(N, 48, 48)"),
    "npz no images": (npz(X=X8[:0], y=Y[:0]), "holds no images"),
    "npz label 7": (npz(y=np.array([0, 7, 6])), "got 7 (in 1 of 3 images)"),
    "npz label -1": (npz(y=np.array([-1, 3, 6])), "got -1"),
    "npz NaN label": (npz(y=np.array([0, np.nan, 6])), "NaN"),
    "npz fractional label": (npz(y=np.array([0, 3.5, 6])), "fractions"),
    "npz 2-D labels": (npz(y=Y[:, None]), "shape (3,), one per image; got (3, 1)"),
    "npz string labels": (npz(y=np.array(["angry", "happy", "neutral"])), "<U"),
    "npz too few labels": (npz(y=Y[:2]), "got (2,)"),
    "npz usage too short": (npz(usage=np.array(["Training"])), "usage must hold"),
    "npz numeric usage": (npz(usage=np.arange(3)), "usage must hold"),
    "npz empty file": (raw("a.npz", b""), "not a readable .npz"),
    "npz truncated": (raw("a.npz", _npz_bytes()[:300]), "not a readable .npz"),
    "npz is an .npy": (raw("a.npz", _npy_bytes()), "single .npy array"),
    "npz is a csv": (raw("a.npz", b"emotion,pixels\n3,1 2 3\n"), "not a readable"),
    "npz random bytes": (raw("a.npz", RNG.bytes(300)), "not a readable .npz"),
    "npz missing arrays": (_only_x, "needs arrays 'X' and 'y'; it has ['X', "),
    "csv binary": (raw("a.csv", b"\xff\xfe\x00\x81" * 50), "not a UTF-8 text csv"),
    "csv UTF-16": (csv(f"3,{PIXELS},Training", encoding="utf-16"), "not a UTF-8"),
    "csv NUL byte": (raw("a.csv", b"emotion,pixels\n3,\x00" + b"7 " * 2304), "line 2"),
    "csv field too long": (csv("3," + "7 " * 70000 + ",Training"), "field limit"),
    "csv pixel overflow": (csv(_pixels("9" * 30)), "0..255; got 7 to 1e+30"),
    "csv pixel 256": (csv(_pixels("256")), "0..255; got 7 to 256"),
    "csv negative pixel": (csv(_pixels("-1")), "0..255; got -1 to 7"),
    "csv fractional pixel": (csv(_pixels("0.5")), "whole numbers 0..255"),
    "csv nan pixel": (csv(_pixels("nan")), "whole numbers 0..255"),
    "csv word pixel": (csv(_pixels("seven")), "whole numbers 0..255"),
    "csv label 7": (csv(f"7,{PIXELS},Training"), "unknown emotion code '7'"),
    "csv label 3.5": (csv(f"3.5,{PIXELS},Training"), "unknown emotion code '3.5'"),
    "csv label happy": (csv(f"happy,{PIXELS},Training"), "unknown emotion code"),
    "csv label empty": (csv(f",{PIXELS},Training"), "unknown emotion code ''"),
    "csv no rows": (csv(), "holds no images"),
    "csv empty file": (raw("a.csv", b""), "the header must name"),
    "csv semicolons": (csv(f"3;{PIXELS}", header="emotion;pixels"), "header"),
    "folder class beside split": (
        folder("happy/a.png", "train/sad/b.png"),
        "mixes expression folders ['happy'] with other folders ['train']",
    ),
    "folder unknown class only": (folder("bored/a.png"), "unknown class folder"),
    "folder unknown in split": (folder("train/bored/a.png"), "['train/bored']"),
    "folder loose image": (folder("happy/a.png", "b.png"), "without a class"),
    "folder loose in split": (
        folder("train/happy/a.png", "train/b.png"),
        "without a class",
    ),
    "folder only hidden": (folder(".ipynb_checkpoints/a.png"), "no class folders"),
    "folder empty class": (folder("happy/notes.txt"), "no image files"),
    "folder images only": (folder("a.png", "b.png"), "has no class folders"),
}


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_reader_refuses_naming_the_file(name, tmp_path):
    write, fragment = REFUSED[name]
    path = write(tmp_path)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with pytest.raises(ValueError) as info:
            load_fer2013(path)
    assert str(path) in str(info.value)
    assert fragment in str(info.value)


def _same_images(fer):
    return np.array_equal(fer.images, X8) and fer.target.tolist() == Y.tolist()


# (writer, check of the Bunch): inputs read right, by the documented rule.
CONVERTED = {
    "npz int64 0..255 (pandas, np.array)": (npz(X=X8.astype(np.int64)), _same_images),
    "npz uint16 0..255": (npz(X=X8.astype(np.uint16)), _same_images),
    "npz whole floats": (npz(X=X8.astype(np.float64)), _same_images),
    "npz flat X (N, 2304)": (npz(X=X8.reshape(3, -1)), _same_images),
    "npz whole float labels": (npz(y=Y.astype(float)), _same_images),
    "npz int8 labels": (npz(y=Y.astype(np.int8)), _same_images),
    "npz usage array": (
        npz(usage=np.array(["Training", "PublicTest", "PublicTest"])),
        lambda fer: fer.usage.tolist() == ["Training", "PublicTest", "PublicTest"],
    ),
    "csv byte-order mark": (
        csv(f"3,{PIXELS},Training", encoding="utf-8-sig"),
        lambda fer: fer.target.tolist() == [3] and fer.data.max() == 7,
    ),
    "csv whole floats (pandas)": (
        csv("3.0," + PIXELS.replace("7", "7.0") + ",Training"),
        lambda fer: fer.target.tolist() == [3] and (fer.data == 7).all(),
    ),
    "csv CRLF lines": (
        csv(f"3,{PIXELS},Training", end="\r\n"),
        lambda fer: fer.target.tolist() == [3],
    ),
    "csv spaces around fields": (
        csv(f" 3 ,{PIXELS}, Training "),
        lambda fer: fer.usage.tolist() == ["Training"],
    ),
    "folder hidden folders ignored": (
        folder("happy/a.png", ".ipynb_checkpoints/x.png", "__MACOSX/happy/a.png"),
        lambda fer: fer.target.tolist() == [3],
    ),
    "folder hidden split ignored": (
        folder("train/happy/a.png", "train/.ipynb_checkpoints/b.png"),
        lambda fer: fer.target.tolist() == [3] and fer.usage.tolist() == ["Training"],
    ),
    "folder webp image": (
        folder("sad/a.webp"),
        lambda fer: fer.target.tolist() == [4] and fer.images.shape == (1, 48, 48),
    ),
}


@pytest.mark.parametrize("name", sorted(CONVERTED))
def test_reader_converts_by_the_rule(name, tmp_path):
    write, check = CONVERTED[name]
    assert check(load_fer2013(write(tmp_path)))


def test_folder_warns_of_skipped_files(tmp_path):
    root = folder("happy/a.png", "happy/notes.txt")(tmp_path)
    with pytest.warns(UserWarning, match=r"skipped 1 entries of happy/.*notes.txt"):
        fer = load_fer2013(root)
    assert fer.target.tolist() == [3]


def test_folder_of_npz_files_checks_each(tmp_path):
    np.savez(tmp_path / "fer2013_train.npz", X=X8, y=Y)
    np.savez(tmp_path / "fer2013_publictest.npz", X=X8 / 255, y=Y)
    with pytest.raises(ValueError, match="fer2013_publictest.npz.*scaled"):
        load_fer2013(tmp_path)
