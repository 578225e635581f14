import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from skimage import io

from skfer.datasets import (
    FERPLUS_EMOTIONS,
    fer2013_to_ferplus,
    load_fer2013,
    load_ferplus,
)
from skfer.datasets._ferplus_votes import vote_reasons

HEADER = (
    "Usage,Image name,neutral,happiness,surprise,sadness,anger,disgust,fear,"
    "contempt,unknown,NF"
)
# One row per case: FER2013 code, usage, image name, votes, and the outcome
# under the plurality rule.
ROWS = [
    (3, "Training", "fer0000000.png", [1, 8, 1, 0, 0, 0, 0, 0, 0, 0], "happiness"),
    (4, "Training", "fer0000001.png", [4, 0, 0, 4, 0, 0, 0, 0, 2, 0], "tie"),
    (6, "Training", "fer0000002.png", [3, 0, 0, 0, 0, 0, 0, 0, 5, 2], "unknown"),
    (0, "Training", "", [0, 0, 0, 0, 0, 0, 0, 0, 0, 10], "no FER+ label"),
    (2, "PublicTest", "fer0000003.png", [0, 0, 0, 0, 0, 0, 0, 0, 1, 9], "not a face"),
    (0, "PublicTest", "fer0000004.png", [1, 0, 0, 0, 6, 2, 0, 1, 0, 0], "anger"),
    (5, "PrivateTest", "fer0000005.png", [0, 0, 7, 0, 0, 0, 3, 0, 0, 0], "surprise"),
]


def _pixels(i):
    return " ".join([str(10 * i)] * 2304)


def _write_pair(folder, rows=ROWS, fer_name="fer2013.csv"):
    fer = ["emotion,pixels,Usage"]
    plus = [HEADER]
    for i, (code, usage, name, votes, _) in enumerate(rows):
        fer.append(f"{code},{_pixels(i)},{usage}")
        plus.append(",".join([usage, name, *map(str, votes)]))
    (folder / fer_name).write_text("\n".join(fer) + "\n")
    (folder / "fer2013new.csv").write_text("\n".join(plus) + "\n")
    return folder


def _clear(rows=ROWS):
    return [i for i, row in enumerate(rows) if row[4] in FERPLUS_EMOTIONS]


def test_csv_pair_plurality_rule(tmp_path):
    ferplus = load_ferplus(_write_pair(tmp_path))
    clear = _clear()
    assert ferplus.target.tolist() == [ROWS[i][4] for i in clear]
    assert list(ferplus.target_names) == list(FERPLUS_EMOTIONS)
    assert ferplus.data.shape == (len(clear), 2304)
    assert ferplus.data.dtype == np.uint8
    assert [int(img[0]) for img in ferplus.data] == [10 * i for i in clear]
    np.testing.assert_array_equal(ferplus.votes, [ROWS[i][3] for i in clear])
    assert list(ferplus.vote_names[-2:]) == ["unknown", "NF"]
    # Unknown and NF votes are not part of the emotion distribution.
    np.testing.assert_allclose(ferplus.distribution[0], [0.1, 0.8, 0.1] + [0] * 5)
    np.testing.assert_allclose(ferplus.distribution.sum(axis=1), 1)
    assert ferplus.fer2013_target.tolist() == [ROWS[i][0] for i in clear]
    assert ferplus.usage.tolist() == [ROWS[i][1] for i in clear]
    assert ferplus.reason.tolist() == [""] * len(clear)
    assert ferplus.dropped == {
        "tie": 1, "unknown": 1, "no FER+ label": 1, "not a face": 1
    }


def test_keep_ambiguous_labels_them_with_their_top_emotion(tmp_path):
    ferplus = load_ferplus(_write_pair(tmp_path), keep_ambiguous=True)
    # The tie goes to the first of neutral and sadness in FER+ order; the
    # "unknown" image to its most voted emotion; the image with only unknown
    # and NF votes, and the one FER+ left unnamed, stay out.
    assert ferplus.target.tolist() == [
        "happiness", "neutral", "neutral", "anger", "surprise"
    ]
    assert ferplus.reason.tolist() == ["", "tie", "unknown", "", ""]
    assert ferplus.dropped == {"no FER+ label": 1, "no emotion votes": 1}


def test_usage_selects_splits(tmp_path):
    _write_pair(tmp_path)
    public = load_ferplus(tmp_path, usage="PublicTest")
    assert public.target.tolist() == ["anger"]
    assert public.dropped == {"not a face": 1}
    with pytest.raises(ValueError, match="Validation"):
        load_ferplus(tmp_path, usage="Validation")


@pytest.mark.parametrize(
    "votes, plurality, majority",
    [
        ([9, 1, 0, 0, 0, 0, 0, 0, 0, 0], "neutral", "neutral"),
        # FER+'s reader drops single votes first: 3 of the remaining 5.
        ([3, 2, 1, 1, 1, 1, 1, 0, 0, 0], "neutral", "neutral"),
        ([4, 3, 3, 0, 0, 0, 0, 0, 0, 0], "neutral", "no majority"),
        ([5, 5, 0, 0, 0, 0, 0, 0, 0, 0], "tie", "no majority"),
        ([2, 0, 0, 0, 0, 0, 0, 0, 6, 2], "unknown", "unknown"),
        ([1, 1, 1, 1, 1, 1, 1, 1, 1, 1], "tie", "no majority"),
        ([0, 0, 0, 0, 0, 0, 0, 6, 4, 0], "contempt", "contempt"),
    ],
)
def test_rules(tmp_path, votes, plurality, majority):
    rows = [(6, "Training", "fer0000000.png", votes, None)]
    _write_pair(tmp_path, rows)
    for rule, outcome in [("plurality", plurality), ("majority", majority)]:
        ferplus = load_ferplus(tmp_path, rule=rule)
        if outcome in FERPLUS_EMOTIONS:
            assert ferplus.target.tolist() == [outcome]
        else:
            assert ferplus.dropped == {outcome: 1}


def _reference_reason(votes, rule):
    """FER+'s rules written out one image at a time."""
    if all(v == -1 for v in votes):
        return "no FER+ label"
    counts = list(votes)
    if rule == "majority":
        counts = [0 if c <= 1 else c for c in counts]
    top = max(counts)
    if rule == "majority" and not top > 0.5 * sum(counts):
        return "no majority"
    if rule == "plurality" and counts.count(top) > 1:
        return "tie"
    return {8: "unknown", 9: "not a face"}.get(counts.index(top), "")


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.lists(st.integers(0, 10), min_size=10, max_size=10), min_size=1,
        max_size=20,
    ),
    st.sampled_from(["plurality", "majority"]),
)
def test_vectorised_rules_match_one_image_at_a_time(votes, rule):
    expected = [_reference_reason(v, rule) for v in votes]
    assert vote_reasons(np.array(votes), rule).tolist() == expected


def test_either_file_of_the_pair(tmp_path):
    _write_pair(tmp_path, fer_name="icml_face_data.csv")
    by_fer = load_ferplus(tmp_path / "icml_face_data.csv")
    assert by_fer.target.tolist() == [ROWS[i][4] for i in _clear()]
    with pytest.raises(FileNotFoundError, match="fer2013.csv"):
        load_ferplus(tmp_path / "fer2013new.csv")
    (tmp_path / "fer2013new.csv").unlink()
    with pytest.raises(FileNotFoundError, match="fer2013new.csv"):
        load_ferplus(tmp_path / "icml_face_data.csv")


def test_missing_rows_are_an_error(tmp_path):
    _write_pair(tmp_path)
    lines = (tmp_path / "fer2013new.csv").read_text().splitlines()
    (tmp_path / "fer2013new.csv").write_text("\n".join(lines[:-2]) + "\n")
    with pytest.raises(ValueError, match="has 5 data rows but .* has 7"):
        load_ferplus(tmp_path)


def test_usage_mismatch_names_the_row(tmp_path):
    rows = [list(row) for row in ROWS]
    _write_pair(tmp_path, rows)
    fer = (tmp_path / "fer2013.csv").read_text().replace(
        "PublicTest", "Training", 1
    )
    (tmp_path / "fer2013.csv").write_text(fer)
    with pytest.raises(ValueError, match="Row 4 .*'Training'.*'PublicTest'"):
        load_ferplus(tmp_path)


@pytest.mark.parametrize(
    "line, match",
    [
        ("Training,fer1.png,1,2,3", "line 3: expected 12 fields"),
        ("Training,fer1.png,1,2,x,0,0,0,0,0,0,0", "line 3: vote counts"),
        ("Training,fer1.png,1,2,-3,0,0,0,0,0,0,0", "line 3: vote counts"),
        ("Validation,fer1.png,1,0,0,0,0,0,0,0,0,0", "line 3: unknown Usage"),
    ],
)
def test_malformed_ferplus_csv_names_the_line(tmp_path, line, match):
    _write_pair(tmp_path, ROWS[:2])
    lines = (tmp_path / "fer2013new.csv").read_text().splitlines()
    lines[2] = line
    (tmp_path / "fer2013new.csv").write_text("\n".join(lines) + "\n")
    with pytest.raises(ValueError, match=match):
        load_ferplus(tmp_path)


def test_wrong_header_lists_the_columns(tmp_path):
    _write_pair(tmp_path)
    text = (tmp_path / "fer2013new.csv").read_text().replace("contempt", "scorn")
    (tmp_path / "fer2013new.csv").write_text(text)
    with pytest.raises(ValueError, match="must name the columns.*contempt"):
        load_ferplus(tmp_path)


def _write_npz_pair(folder, split, rows=ROWS):
    X = np.stack([np.full((48, 48), 10 * i, np.uint8) for i in range(len(rows))])
    y = np.array([row[0] for row in rows])
    votes = np.array([row[3] if row[2] else [-1] * 10 for row in rows], np.int16)
    np.savez(folder / f"fer2013_{split}.npz", X=X, y=y)
    columns = np.array(HEADER.split(",")[2:])
    np.savez(folder / f"ferplus_{split}.npz", votes=votes, columns=columns)


def _write_folders(root, rows=ROWS):
    folders = {"Training": "FER2013Train", "PublicTest": "FER2013Valid",
               "PrivateTest": "FER2013Test"}
    labels = {}
    for i, (_, usage, name, votes, _) in enumerate(rows):
        if not name:
            continue  # FER+'s generate_training_data.py skips unnamed rows
        folder = root / folders[usage]
        folder.mkdir(exist_ok=True)
        image = np.full((48, 48), 10 * i, np.uint8)
        io.imsave(folder / name, image, check_contrast=False)
        labels.setdefault(folder, []).append(",".join([name, *map(str, votes)]))
    for folder, lines in labels.items():
        (folder / "label.csv").write_text("\n".join(lines) + "\n")


def test_three_formats_agree(tmp_path):
    for part in ("csv", "npz", "folders"):
        (tmp_path / part).mkdir()
    _write_pair(tmp_path / "csv")
    _write_npz_pair(tmp_path / "npz", "train")
    _write_folders(tmp_path / "folders")
    from_csv = load_ferplus(tmp_path / "csv", keep_ambiguous=True)
    from_npz = load_ferplus(tmp_path / "npz", keep_ambiguous=True)
    from_folders = load_ferplus(tmp_path / "folders", keep_ambiguous=True)
    # Folders come in name order (FER2013Test first), so compare by pixel.
    order = np.argsort(from_folders.data[:, 0])
    for other in (from_npz, from_folders):
        index = order if other is from_folders else slice(None)
        for key in ("data", "target", "distribution", "votes", "reason"):
            np.testing.assert_array_equal(other[key][index], from_csv[key])
    assert from_folders.usage[order].tolist() == from_csv.usage.tolist()
    assert from_npz.usage.tolist() == ["Training"] * 5  # named after the file
    assert "fer2013_target" not in from_folders
    np.testing.assert_array_equal(from_npz.fer2013_target, from_csv.fer2013_target)


def test_npz_file_and_bad_pairs(tmp_path):
    _write_npz_pair(tmp_path, "publictest", ROWS[:3])
    one = load_ferplus(tmp_path / "ferplus_publictest.npz")
    assert one.target.tolist() == ["happiness"]
    assert one.usage.tolist() == ["PublicTest"]
    np.savez(tmp_path / "ferplus_publictest.npz", votes=np.zeros((2, 10)))
    with pytest.raises(ValueError, match="votes for 2 images but .* has 3"):
        load_ferplus(tmp_path)
    np.savez(tmp_path / "ferplus_publictest.npz", votes=np.zeros((3, 10)),
             columns=np.array(list("abcdefghij")))
    with pytest.raises(ValueError, match="'columns' must be"):
        load_ferplus(tmp_path)
    (tmp_path / "fer2013_publictest.npz").unlink()
    with pytest.raises(FileNotFoundError, match="fer2013_publictest.npz"):
        load_ferplus(tmp_path)


def test_folder_missing_image_is_named(tmp_path):
    _write_folders(tmp_path)
    (tmp_path / "FER2013Valid" / "fer0000004.png").unlink()
    with pytest.raises(FileNotFoundError, match="fer0000004.png"):
        load_ferplus(tmp_path)
    public = load_ferplus(tmp_path / "FER2013Test")  # one folder alone
    assert public.target.tolist() == ["surprise"]
    assert public.usage.tolist() == ["PrivateTest"]


def test_no_ferplus_data_says_what_was_expected(tmp_path):
    with pytest.raises(ValueError, match="fer2013new.csv.*label.csv"):
        load_ferplus(tmp_path)
    with pytest.raises(FileNotFoundError, match="nowhere"):
        load_ferplus(tmp_path / "nowhere")
    with pytest.raises(ValueError, match="rule must be one of"):
        load_ferplus(tmp_path / "nowhere", rule="unanimous")  # before reading


def test_project_data_matches_fer2013_images():
    from pathlib import Path

    data = Path(__file__).resolve().parents[3] / "shared" / "data" / "fer2013"
    if not (data / "ferplus_publictest.npz").is_file():
        pytest.skip("the project's FER+ files are not here")
    ferplus = load_ferplus(data / "ferplus_publictest.npz", keep_ambiguous=True)
    fer = load_fer2013(data / "fer2013_publictest.npz")
    assert ferplus.dropped == {"no FER+ label": 10}
    np.testing.assert_array_equal(ferplus.data, fer.data[: len(ferplus.data)])
    agree = np.mean(fer2013_to_ferplus(ferplus.fer2013_target) == ferplus.target)
    assert 0.55 < agree < 0.7  # FER2013 and the crowd often disagree


def test_fer2013_to_ferplus():
    assert fer2013_to_ferplus(np.arange(7)).tolist() == [
        "anger", "disgust", "fear", "happiness", "sadness", "surprise", "neutral"
    ]
    assert fer2013_to_ferplus(["happy", "Anger"]).tolist() == ["happiness", "anger"]
    for bad in (["contempt"], [7], [-1], ["cat"]):
        with pytest.raises(ValueError, match="not a FER2013 label"):
            fer2013_to_ferplus(bad)
