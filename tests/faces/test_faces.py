import numpy as np
import pytest
from skimage import data, io

from skfer.faces import crop_face, detect_faces, extract_faces, read_gray


def test_astronaut_has_one_face_where_her_face_is():
    (box,) = detect_faces(data.astronaut())
    row, col, height, width = box
    # Eileen Collins' face: around rows 60-170, columns 170-280 of the photo.
    assert 40 < row < 100 and 150 < col < 200 and 70 < height < 140
    assert height == width


def test_blank_and_tiny_images_have_no_face():
    assert detect_faces(np.zeros((200, 200))).shape == (0, 4)
    assert detect_faces(np.zeros((10, 10)), min_size=24).shape == (0, 4)


def test_paths_gray_rgba_and_arrays_agree(tmp_path):
    photo = data.astronaut()
    path = tmp_path / "astronaut.png"
    io.imsave(path, photo)
    rgba = np.dstack([photo, np.full(photo.shape[:2], 255, np.uint8)])
    expected = detect_faces(photo)
    np.testing.assert_array_equal(detect_faces(path), expected)
    np.testing.assert_array_equal(detect_faces(str(path)), expected)
    np.testing.assert_array_equal(detect_faces(rgba), expected)


def test_extract_faces_reports_images_without_face(tmp_path):
    path = tmp_path / "blank.png"
    io.imsave(path, np.full((120, 120), 128, np.uint8), check_contrast=False)
    faces = extract_faces([data.astronaut(), path])
    assert faces.data.shape == (1, 2304) and faces.data.dtype == np.uint8
    assert faces.source.tolist() == [0]
    assert faces.no_face == [str(path)]
    assert faces.boxes.shape == (1, 4)


def test_crop_is_the_face_region():
    gray = np.zeros((100, 100))
    gray[20:60, 30:70] = 1.0
    face = crop_face(gray, (20, 30, 40, 40), margin=0.0).reshape(48, 48)
    assert face.min() == 255
    with_margin = crop_face(gray, (20, 30, 40, 40), margin=0.25).reshape(48, 48)
    assert with_margin[0, 0] == 0 and with_margin[24, 24] == 255


def test_unreadable_file_is_named(tmp_path):
    bad = tmp_path / "holiday.jpg"
    bad.write_bytes(b"not an image")
    with pytest.raises(ValueError, match="holiday.jpg"):
        extract_faces([bad])
    with pytest.raises(ValueError, match="shape"):
        read_gray(np.zeros((2, 3, 5)))
