"""Class 5 of issue #15: every error says what was wrong, and where.

Image errors name the file; no message passes on NumPy's advice to load a
file "unsafely with allow_pickle"; the ensemble names the mismatch.
"""

import imageio.v3 as iio
import numpy as np
import pytest
from sklearn.linear_model import LogisticRegression

from skfer.datasets import load_fer2013
from skfer.ensemble import PrefitVotingClassifier
from skfer.faces import extract_faces
from skfer.models import load_model
from skfer.utils import read_gray

RNG = np.random.default_rng(0)
FRAMES = RNG.integers(0, 256, size=(3, 20, 20, 3), dtype=np.uint8)


def _image(name, write):
    def make(tmp):
        path = tmp / name
        write(path)
        return path

    return make


def _truncated_png(path):
    iio.imwrite(path, FRAMES[0])
    path.write_bytes(path.read_bytes()[:60])


# (file maker, fragment after the file name)
IMAGES = {
    "animated GIF": (_image("anim.gif", lambda p: iio.imwrite(p, FRAMES)), "frames"),
    "multi-page TIFF": (
        _image("pages.tif", lambda p: iio.imwrite(p, FRAMES[..., 0].repeat(3, 0))),
        "frames",
    ),
    # Pillow reads no float TIFF: refused as unreadable, never as a photo.
    "float TIFF 0..255": (
        _image("float.tif", lambda p: iio.imwrite(p, FRAMES[0, ..., 0] * 1.0)),
        "not a readable image",
    ),
    "text named .jpg": (
        _image("a.jpg", lambda p: p.write_text("hi")),
        "not a readable image",
    ),
    "UTF-16 named .png": (
        _image("b.png", lambda p: p.write_bytes("hé".encode("utf-16"))),
        "not a readable image",
    ),
    "empty .png": (
        _image("c.png", lambda p: p.write_bytes(b"")),
        "not a readable image",
    ),
    "truncated PNG": (_image("d.png", _truncated_png), "truncated"),
    "folder named .jpg": (_image("e.jpg", lambda p: p.mkdir()), "Is a directory"),
}


@pytest.mark.parametrize("name", sorted(IMAGES))
def test_image_errors_name_the_file(name, tmp_path):
    make, fragment = IMAGES[name]
    path = make(tmp_path)
    with pytest.raises(ValueError) as info:
        read_gray(path)
    assert str(path) in str(info.value) and fragment in str(info.value)
    with pytest.raises(ValueError, match=path.name):
        extract_faces([path])


@pytest.mark.parametrize(
    "image, shape",
    [
        (FRAMES[0, ..., :2], (20, 20)),  # gray and alpha
        (FRAMES[0, ..., :1], (20, 20)),  # one channel
        (FRAMES[0] > 128, (20, 20)),  # boolean mask
    ],
)
def test_gray_arrays_read_right(image, shape):
    gray = read_gray(image)
    assert gray.shape == shape and 0 <= gray.min() <= gray.max() <= 1


def test_gray_and_alpha_reads_as_gray_on_white():
    opaque = np.dstack([FRAMES[0, ..., 0], np.full((20, 20), 255, np.uint8)])
    np.testing.assert_allclose(read_gray(opaque), FRAMES[0, ..., 0] / 255)


def _folder_with(tmp, name, write):
    (tmp / "happy").mkdir()
    write(tmp / "happy" / name)
    return tmp


@pytest.mark.parametrize(
    "make, fragment",
    [
        (lambda t: _folder_with(t, "x.gif", lambda p: iio.imwrite(p, FRAMES)), "x.gif"),
        (lambda t: _folder_with(t, "y.jpg", lambda p: p.write_text("")), "y.jpg"),
        (lambda t: t / "notes.txt", "expected a .csv or .npz file or a folder"),
    ],
)
def test_data_errors_name_the_file(make, fragment, tmp_path):
    path = make(tmp_path)
    if path.suffix == ".txt":
        path.write_text("x")
    with pytest.raises(ValueError, match=fragment):
        load_fer2013(path)


def test_csv_decoding_error_names_file_and_byte(tmp_path):
    path = tmp_path / "fer2013.csv"
    path.write_bytes(b"emotion,pixels,Usage\n3," + b"7 " * 2304 + b",Tr\xe9ining\n")
    with pytest.raises(ValueError, match=r"fer2013.csv: not a UTF-8 text csv \(byte"):
        load_fer2013(path)


@pytest.mark.parametrize(
    "data",
    [
        RNG.bytes(200),
        b"\x80\x04" + RNG.bytes(100),  # looks like a pickle to NumPy
        np.lib.format.MAGIC_PREFIX + RNG.bytes(100),
    ],
)
def test_no_unsafe_loading_advice_for_data(data, tmp_path):
    path = tmp_path / "fer2013_x.npz"
    path.write_bytes(data)
    with pytest.raises(ValueError) as info:
        load_fer2013(path)
    message = str(info.value)
    assert (
        message.startswith(str(path))
        and "allow_pickle" not in message[len(str(path)) :]
    )


def test_object_arrays_refused_without_pickle_advice(tmp_path):
    path = tmp_path / "fer2013_x.npz"
    np.savez(path, X=np.array([1, "a"], dtype=object), y=np.array([0, 1]))
    with pytest.raises(ValueError, match="array 'X' holds Python objects") as info:
        load_fer2013(path)
    assert "allow_pickle" not in str(info.value).replace(str(path), "")


@pytest.mark.parametrize(
    "data, fragment",
    [
        (b"\x80\x04\x95" + b"\x00" * 5, "truncated, corrupt"),
        (b"\x78\x9c" + RNG.bytes(50), "truncated, corrupt"),
        (b"\x89HDF\r\n\x1a\n", "an HDF5 file (a Keras .h5 network?)"),
        (np.lib.format.MAGIC_PREFIX + b"\x01\x00", "a NumPy .npy array"),
        (b"\x89PNG\r\n\x1a\n", "a PNG image"),
        (b"\xff\xd8\xff\xe0", "a JPEG image"),
        (b"\x00\x01\x02\xff\xfe", "not a joblib or pickle file"),
    ],
)
def test_model_file_errors_say_what_the_file_is(data, fragment, tmp_path):
    path = tmp_path / "model.joblib"
    path.write_bytes(data)
    with pytest.raises(ValueError) as info:
        load_model(path)
    assert str(path) in str(info.value) and fragment in str(info.value)


def test_voting_names_inconsistent_lengths():
    X, y = RNG.normal(size=(30, 3)), np.repeat([0, 1, 2], 10)
    lr = LogisticRegression().fit(X, y)
    vote = PrefitVotingClassifier([("lr", lr)], fit_members=True)
    with pytest.raises(
        ValueError, match=r"inconsistent numbers of samples: \[30, 29\]"
    ):
        vote.fit(X, y[:-1])
