import numpy as np
import pytest
from PIL import Image
from skimage import data
from skimage.util import img_as_ubyte

from skfer.utils import read_gray, read_image

ASTRONAUT = data.astronaut()


def _exif_rotated(path, orientation=6):
    # Phones store the sensor's pixels and an EXIF tag saying how to turn
    # them: 6 means "turn 90 degrees clockwise to view".
    exif = Image.Exif()
    exif[0x0112] = orientation
    Image.fromarray(np.rot90(ASTRONAUT, 1)).save(path, exif=exif, quality=95)
    return path


def _error(a, b):
    return np.abs(a.astype(int) - b.astype(int)).mean()


def test_exif_orientation_is_applied(tmp_path):
    pixels = read_image(_exif_rotated(tmp_path / "phone.jpg"))
    assert pixels.shape == ASTRONAUT.shape
    assert _error(pixels, ASTRONAUT) < 6  # JPEG noise, not a sideways photo


def test_cmyk_jpeg_reads_as_the_photo(tmp_path):
    path = tmp_path / "print.jpg"
    Image.fromarray(ASTRONAUT).convert("CMYK").save(path, quality=95)
    pixels = read_image(path)
    assert pixels.shape == ASTRONAUT.shape and _error(pixels, ASTRONAUT) < 6


def test_sixteen_bit_gray_is_scaled_not_clipped(tmp_path):
    gray = ASTRONAUT[..., 1]
    path = tmp_path / "scan.png"
    Image.fromarray(gray.astype(np.uint16) * 257).save(path)
    assert Image.open(path).mode.startswith("I")
    np.testing.assert_array_equal(read_image(path), gray)


def test_palette_and_alpha_are_laid_on_white(tmp_path):
    rgba = np.zeros((8, 8, 4), np.uint8)
    rgba[:4, :, 3] = 255  # top half opaque black, bottom half transparent
    Image.fromarray(rgba).save(tmp_path / "logo.png")
    Image.fromarray(rgba).convert("P").save(tmp_path / "logo.gif", transparency=0)
    for name in ("logo.png", "logo.gif"):
        pixels = read_image(tmp_path / name)
        assert pixels.shape == (8, 8, 3)
        assert pixels[:4].max() == 0 and pixels[4:].min() == 255, name
    Image.fromarray(ASTRONAUT[..., 0]).convert("LA").save(tmp_path / "gray.png")
    np.testing.assert_array_equal(read_image(tmp_path / "gray.png"), ASTRONAUT[..., 0])


@pytest.mark.parametrize(
    "array, expected",
    [
        (np.array([[0, 255]], dtype=np.int64), [[0, 255]]),
        (np.array([[0.0, 1.0]]), [[0, 255]]),
        (np.array([[0, 65535]], dtype=np.uint16), [[0, 255]]),
        (np.array([[False, True]]), [[0, 255]]),
    ],
)
def test_arrays_keep_their_levels(array, expected):
    assert read_image(array).tolist() == expected


@pytest.mark.parametrize(
    "array, message",
    [
        (np.array([[0.0, 200.0]]), "divide 0..255 levels by 255"),
        (np.array([[0, 300]]), "levels 0..255"),
        (np.array([[np.nan, 0.5]]), r"\[0, 1\]"),
        (np.zeros((2, 3, 5)), "shape"),
        (np.zeros((0, 4)), "shape"),
    ],
)
def test_bad_arrays_are_refused(array, message):
    with pytest.raises(ValueError, match=message):
        read_image(array)


def test_unreadable_file_is_named(tmp_path):
    bad = tmp_path / "holiday.jpg"
    bad.write_bytes(b"not an image")
    with pytest.raises(ValueError, match="holiday.jpg"):
        read_image(bad)
    with pytest.raises(ValueError, match="nowhere.png"):
        read_gray(tmp_path / "nowhere.png")


def test_gray_files_stay_exact(tmp_path):
    # FER2013 image folders are read through read_gray: no level may move.
    face = np.arange(48 * 48, dtype=np.uint16).reshape(48, 48) % 256
    Image.fromarray(face.astype(np.uint8)).save(tmp_path / "face.png")
    levels = img_as_ubyte(read_gray(tmp_path / "face.png"))
    np.testing.assert_array_equal(levels, face)


def test_one_and_two_channel_arrays_are_gray():
    gray = ASTRONAUT[..., :1]
    np.testing.assert_array_equal(read_image(gray), gray[..., 0])
    transparent = np.dstack([gray, np.zeros_like(gray)])
    assert (read_image(transparent) == 255).all()


def test_animations_are_refused_by_name(tmp_path):
    frames = [Image.fromarray(np.full((8, 8), v, np.uint8)) for v in (0, 255)]
    frames[0].save(tmp_path / "blink.gif", save_all=True, append_images=frames[1:])
    with pytest.raises(ValueError, match="blink.gif.*2 frames"):
        read_image(tmp_path / "blink.gif")
