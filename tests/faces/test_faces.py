import numpy as np
import pytest
from PIL import Image
from skimage import data, io
from skimage.transform import rescale, rotate

from skfer.faces import (
    CascadeDetector,
    MTCNNDetector,
    check_detector,
    crop_face,
    detect_faces,
    extract_faces,
    eye_angle,
)
from skfer.utils import read_gray

ASTRONAUT = data.astronaut()


def _inside_her_face(box):
    # Eileen Collins' face: around rows 60-170, columns 170-280 of the photo.
    row, col, height, width = box
    return 40 < row < 100 and 150 < col < 200 and 70 < max(height, width) < 140


@pytest.fixture(scope="module")
def mtcnn_astronaut():
    return detect_faces(ASTRONAUT)


def test_mtcnn_finds_her_face_with_landmarks(mtcnn_astronaut):
    faces = mtcnn_astronaut
    assert faces.boxes.shape == (1, 4) and _inside_her_face(faces.boxes[0])
    assert 0.9 < faces.scores[0] <= 1
    (r, c, h, w) = faces.boxes[0]
    marks = faces.landmarks[0]
    assert marks.shape == (5, 2)
    assert ((marks[:, 0] > r) & (marks[:, 0] < r + h)).all()
    assert ((marks[:, 1] > c) & (marks[:, 1] < c + w)).all()
    # Eyes above the nose, above the mouth; the photo's left eye on the left.
    assert marks[:2, 0].max() < marks[2, 0] < marks[3:, 0].min()
    assert marks[0, 1] < marks[1, 1] and marks[3, 1] < marks[4, 1]


def test_the_cat_has_no_face_for_mtcnn():
    assert detect_faces(data.chelsea()).boxes.shape == (0, 4)


def test_cascade_finds_her_face_and_gives_no_score():
    faces = detect_faces(ASTRONAUT, detector="cascade")
    assert faces.boxes.tolist() == [[64, 172, 103, 103]]
    assert np.isnan(faces.scores).all() and faces.landmarks is None


@pytest.mark.parametrize("detector", ["mtcnn", "cascade"])
def test_blank_and_tiny_images_have_no_face(detector):
    for image in (np.zeros((200, 200)), np.zeros((10, 10)), np.full((1, 300), 0.5)):
        faces = detect_faces(image, detector=detector)
        assert faces.boxes.shape == (0, 4) and faces.scores.shape == (0,)


def test_largest_face_first():
    small = (rescale(ASTRONAUT, 0.5, channel_axis=2) * 255).astype(np.uint8)
    photo = np.full((512, 800, 3), 255, np.uint8)
    photo[:, :512] = ASTRONAUT
    photo[100:356, 530:786] = small
    boxes = detect_faces(photo).boxes
    assert len(boxes) == 2
    assert boxes[0, 2] > 1.5 * boxes[1, 2] and boxes[1, 1] > 512


def test_phone_and_print_copies_find_the_same_face(tmp_path, mtcnn_astronaut):
    exif = Image.Exif()
    exif[0x0112] = 6  # "turn 90 degrees clockwise to view"
    Image.fromarray(np.rot90(ASTRONAUT, 1)).save(tmp_path / "phone.jpg", exif=exif)
    Image.fromarray(ASTRONAUT).convert("CMYK").save(tmp_path / "print.jpg")
    found = MTCNNDetector().detect_many(
        [tmp_path / "phone.jpg", tmp_path / "print.jpg"]
    )
    for faces in found:
        assert faces.boxes.shape == (1, 4)
        np.testing.assert_allclose(faces.boxes[0], mtcnn_astronaut.boxes[0], atol=8)


def test_turned_face_is_levelled(mtcnn_astronaut):
    (box,) = mtcnn_astronaut.boxes
    centre = (box[1] + box[3] / 2, box[0] + box[2] / 2)  # (x, y)
    turned = (rotate(ASTRONAUT, 25, center=centre) * 255).astype(np.uint8)
    faces = detect_faces(turned)
    assert eye_angle(faces.landmarks[0]) == pytest.approx(-25, abs=6)
    upright = crop_face(read_gray(ASTRONAUT), box).astype(float)
    kwargs = dict(landmarks=faces.landmarks[0])
    levelled = crop_face(read_gray(turned), faces.boxes[0], **kwargs).astype(float)
    tilted = crop_face(read_gray(turned), faces.boxes[0]).astype(float)
    assert (
        np.corrcoef(upright, levelled)[0, 1] > np.corrcoef(upright, tilted)[0, 1] + 0.1
    )


def test_crop_is_the_face_region():
    gray = np.zeros((100, 100))
    gray[20:60, 30:70] = 1.0
    face = crop_face(gray, (20, 30, 40, 40), margin=0.0).reshape(48, 48)
    assert face.min() == 255
    with_margin = crop_face(gray, (20, 30, 40, 40), margin=0.25).reshape(48, 48)
    assert with_margin[0, 0] == 0 and with_margin[24, 24] == 255


def test_crop_is_square_and_repeats_the_border():
    # A tall box at the photo's corner: no stretching, no black filling.
    gray = np.full((60, 60), 0.5)
    gray[:, :10] = 1.0
    face = crop_face(gray, (0, 0, 40, 20), margin=0.0).reshape(48, 48)
    assert (face[:, :6] == 255).all() and (face[:, 26:] == 128).all()
    shifted = crop_face(gray, (10, 20, 20, 20), margin=0.0, shift=0.5)
    assert shifted.shape == (2304,)


def test_detector_choices_and_thresholds_are_checked():
    with pytest.raises(ValueError, match="'hog'.*cascade.*mtcnn"):
        check_detector("hog")
    with pytest.raises(TypeError, match="detect method"):
        check_detector(42)
    with pytest.raises(ValueError, match="3 confidences"):
        MTCNNDetector(thresholds=(0.6, 0.7)).detect(ASTRONAUT)
    with pytest.raises(ValueError, match="min_face_size"):
        MTCNNDetector(min_face_size=5).detect(ASTRONAUT)
    with pytest.raises(ValueError, match="scale_factor"):
        CascadeDetector(scale_factor=0.5).detect(ASTRONAUT)


def test_stricter_threshold_keeps_fewer_faces():
    assert len(MTCNNDetector(thresholds=(0.6, 0.7, 1.0)).detect(ASTRONAUT).boxes) == 0


def test_extract_faces_reports_images_without_face(tmp_path):
    path = tmp_path / "blank.png"
    io.imsave(path, np.full((120, 120), 128, np.uint8), check_contrast=False)
    faces = extract_faces([ASTRONAUT, path])
    assert faces.data.shape == (1, 2304) and faces.data.dtype == np.uint8
    assert faces.source.tolist() == [0] and faces.scores.shape == (1,)
    assert faces.no_face == [str(path)]
    assert faces.boxes.shape == (1, 4)


def test_unreadable_file_is_named(tmp_path):
    bad = tmp_path / "holiday.jpg"
    bad.write_bytes(b"not an image")
    with pytest.raises(ValueError, match="holiday.jpg"):
        extract_faces([bad])


def test_cascade_threads_find_the_same_faces():
    # Photos of different sizes and contents, so that any mix-up shows.
    photos = [ASTRONAUT, data.chelsea(), ASTRONAUT[::2, ::2], data.coffee()]
    alone = CascadeDetector().detect_many(photos)
    threaded = CascadeDetector(n_jobs=2).detect_many(photos)
    for one, two in zip(alone, threaded, strict=True):
        np.testing.assert_array_equal(one.boxes, two.boxes)
    assert _inside_her_face(threaded[0].boxes[0])
    with pytest.raises(ValueError, match="n_jobs"):
        CascadeDetector(n_jobs=1.5).detect_many(photos)


@pytest.mark.parametrize("min_face_size", [30, 50, 90])
def test_larger_smallest_face_still_finds_her(min_face_size, mtcnn_astronaut):
    # mtcnn 1.0.0 alone finds nothing from 30 up (its pyramid keeps levels
    # under its 12-pixel window); skfer searches a shrunk photo instead.
    faces = MTCNNDetector(min_face_size=min_face_size).detect(ASTRONAUT)
    assert faces.boxes.shape == (1, 4) and _inside_her_face(faces.boxes[0])
    assert faces.scores[0] > 0.9
    # Boxes and landmarks come back in the photo's pixels.
    np.testing.assert_allclose(faces.boxes, mtcnn_astronaut.boxes, atol=8)
    np.testing.assert_allclose(faces.landmarks, mtcnn_astronaut.landmarks, atol=5)


def test_faces_smaller_than_the_smallest_side_are_not_searched():
    small = rescale(ASTRONAUT, 0.25, channel_axis=2, preserve_range=True)
    small = small.astype(np.uint8)  # her face is now about 27 pixels high
    assert len(MTCNNDetector().detect(small).boxes) == 1
    assert len(MTCNNDetector(min_face_size=60).detect(small).boxes) == 0
