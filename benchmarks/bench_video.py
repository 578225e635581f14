"""Video analysis speed: skfer.analyze_video, a frame-by-frame loop, and fer.

A synthetic clip (scikit-image's astronaut drifting across a 480x360 frame,
``--frames`` frames at 25 fps, H.264) is analysed at every ``--every``-th
frame, with the shipped ``load("fer2013")`` model, these ways:

- ``analyze_video`` with MTCNN: ffmpeg's select filter drops the frames in
  between before they are converted to RGB, and the kept frames go through
  the detector and the model ``--batch-size`` at a time;
- a loop as per-frame tools do it: every frame decoded to RGB, and every
  ``--every``-th one analysed alone with :func:`skfer.analyze` (MTCNN);
- ``analyze_video`` with ``detector="cascade"`` (skfer's LBP cascade), and
  with ``CascadeDetector(n_jobs=-1)``, which searches a batch's frames in
  threads;
- the same with the smallest face fer searches, 50 pixels
  (``MTCNNDetector(min_face_size=50)``, ``CascadeDetector(min_size=50,
  n_jobs=-1)``), where skfer's defaults search from 20 pixels (MTCNN) and
  from a tenth of the frame's shorter side (the cascade, 36 pixels here);
  and MTCNN from 50 pixels with the model set to one view per face
  (``test_time_augmentation=None``; the shipped model averages ten crops,
  fer's model sees each face once);
- with ``--fer``, the `fer <https://pypi.org/project/fer/>`_ package's
  ``Video.analyze`` with ``frequency=--every`` and ``FER(mtcnn=False)``, its
  default OpenCV Haar cascade and TFLite model, writing no frames, video or
  CSV. fer needs OpenCV with its GUI module (``cv2.waitKey`` is called per
  frame) and TensorFlow; it is not a dependency of skfer, so install it
  apart, e.g. ``pip install --no-deps --target DIR fer "opencv-contrib-python<5"
  "moviepy<2" proglog decorator`` and run with ``PYTHONPATH=DIR``.

The MTCNN ways give the same labels (checked); every way analyses the same
number of frames (checked), and fer the same frames (its decoded pixels are
compared with ffmpeg's). Models are loaded before timing. The table gives,
best of ``--repeat`` rounds (each runs every way once), wall seconds,
analysed frames per second of wall and of CPU time (all threads, plus the
ffmpeg process skfer decodes with; fer decodes in-process), and each way's
frames/s over fer's. fer has no MTCNN without PyTorch, so its OpenCV cascade
is the only fer row; the rows that search faces from 50 pixels are the ones
that search what fer searches.

    python benchmarks/bench_video.py [--frames 250] [--every 5] [--repeat 5] [--fer]
"""

import argparse
import contextlib
import hashlib
import io
import os
import tempfile
import time
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

import numpy as np  # noqa: E402
from skimage import data  # noqa: E402

import skfer  # noqa: E402
from _common import command, machine  # noqa: E402
from skfer.faces import CascadeDetector, MTCNNDetector  # noqa: E402

#: fer's ``FER(min_face_size=50)`` default, in pixels.
FER_MIN_FACE = 50


def make_clip(path, n_frames):
    import imageio_ffmpeg

    photo = data.astronaut()[:360]
    writer = imageio_ffmpeg.write_frames(
        str(path), (480, 360), fps=25, macro_block_size=8, ffmpeg_log_level="error"
    )
    writer.send(None)
    for i in range(n_frames):
        frame = np.zeros((360, 480, 3), np.uint8)
        left = int(i * (480 - 360) / max(n_frames - 1, 1))
        frame[:, left : left + 360] = photo[:, 76:436]
        writer.send(np.ascontiguousarray(frame))
    writer.close()


def decoded_frames(path):
    """Every RGB frame of ``path``, as ffmpeg (imageio-ffmpeg) decodes it."""
    import imageio_ffmpeg

    reader = imageio_ffmpeg.read_frames(str(path))
    width, height = next(reader)["size"]
    for raw in reader:
        yield np.frombuffer(raw, np.uint8).reshape(height, width, 3)


def digest(rgb):
    return hashlib.sha1(np.ascontiguousarray(rgb).tobytes()).hexdigest()


def frame_by_frame(path, every, model):
    return [
        skfer.analyze(frame, model=model)
        for i, frame in enumerate(decoded_frames(path))
        if i % every == 0
    ]


def skfer_video(path, model, detector, every, batch_size):
    frames = skfer.analyze_video(
        path, model=model, detector=detector, every=every, batch_size=batch_size
    )
    return [f["faces"] for f in frames]


def fer_detector():
    """fer's ``FER(mtcnn=False)``, loaded and warmed up, recording what it sees.

    ``Video.analyze`` returns only the frames with faces; the subclass keeps
    each analysed frame's faces, and a digest of its pixels (as RGB).
    """
    import logging

    from fer.fer import FER

    logging.getLogger("fer").setLevel(logging.WARNING)

    class Recording(FER):
        def detect_emotions(self, img, face_rectangles=None):
            faces = super().detect_emotions(img, face_rectangles)
            self.faces.append(faces)
            self.digests.append(digest(img[..., ::-1]))
            return faces

    detector = Recording(mtcnn=False)
    detector.faces, detector.digests = [], []
    detector.detect_emotions(np.ascontiguousarray(data.astronaut()[..., ::-1]))
    return detector


def fer_video(path, every, detector, folder):
    """fer's video analysis of every ``every``-th frame, writing nothing."""
    from fer.classes import Video

    detector.faces, detector.digests = [], []
    video = Video(str(path), outdir=str(folder))
    with contextlib.redirect_stderr(io.StringIO()):  # its progress bar
        video.analyze(
            detector,
            display=False,
            output="pandas",  # "csv" writes data.csv in the working folder
            frequency=every,
            save_frames=False,
            save_video=False,
            annotate_frames=False,
            zip_images=False,
        )
    return detector.faces


def cpu_time():
    """CPU seconds of this process and its ended children (skfer's ffmpeg)."""
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


def timed(ways, repeat):
    """``{name: (result, best wall, best CPU)}``, the ways taking turns.

    Every round runs each way once, so that a slow spell of the machine
    falls on all of them rather than on one way's repeats.
    """
    best = {name: (None, float("inf"), float("inf")) for name in ways}
    for _ in range(repeat):
        for name, function in ways.items():
            wall, cpu = time.perf_counter(), cpu_time()
            result = function()
            wall, cpu = time.perf_counter() - wall, cpu_time() - cpu
            _, best_wall, best_cpu = best[name]
            best[name] = (result, min(best_wall, wall), min(best_cpu, cpu))
    return best


def labels(found):
    return [[face["label"] for face in faces] for faces in found]


def fer_versions():
    import cv2
    import fer

    return f"fer {fer.__version__}, OpenCV {cv2.__version__}"


def run_ways(clip, folder, args):
    """``{name: (per-frame faces, wall, cpu)}``, fer's frame digests or None."""
    from skfer.pretrained import load

    model = load("fer2013")
    one_view = load("fer2013").set_params(test_time_augmentation=None)
    skfer.analyze(data.astronaut(), model=model)  # warm-up: loads MTCNN
    skfer.analyze(data.astronaut(), model=model, detector="cascade")
    batch = f"analyze_video (batch {args.batch_size})"
    ways = {
        f"{batch}, MTCNN": lambda: skfer_video(
            clip, model, "mtcnn", args.every, args.batch_size
        ),
        "frame by frame, MTCNN": lambda: frame_by_frame(clip, args.every, model),
        f"{batch}, cascade": lambda: skfer_video(
            clip, model, "cascade", args.every, args.batch_size
        ),
        # The cascade searches a batch's frames side by side in threads.
        f"{batch}, cascade, threads": lambda: skfer_video(
            clip, model, CascadeDetector(n_jobs=-1), args.every, args.batch_size
        ),
        # fer searches faces from 50 pixels up; skfer's detectors from 20
        # (MTCNN) and a tenth of the frame's side (the cascade, 36 here).
        f"{batch}, MTCNN, faces from 50 px": lambda: skfer_video(
            clip, model, MTCNNDetector(min_face_size=FER_MIN_FACE), args.every,
            args.batch_size,
        ),
        f"{batch}, cascade, threads, from 50 px": lambda: skfer_video(
            clip, model, CascadeDetector(min_size=FER_MIN_FACE, n_jobs=-1),
            args.every, args.batch_size,
        ),
        # The shipped model averages ten crops per face; fer's model sees one.
        f"{batch}, MTCNN, from 50 px, one view": lambda: skfer_video(
            clip, one_view, MTCNNDetector(min_face_size=FER_MIN_FACE),
            args.every, args.batch_size,
        ),
    }
    digests = None
    if args.fer:
        detector = fer_detector()
        ways["fer Video.analyze, cascade"] = lambda: fer_video(
            clip, args.every, detector, folder
        )
    rows = timed(ways, args.repeat)
    if args.fer:
        digests = detector.digests
    return rows, digests


def check(rows, digests, clip, every):
    """The number of analysed frames; raises where the ways disagree."""
    names = list(rows)
    assert labels(rows[names[0]][0]) == labels(rows[names[1]][0]), (
        "the two MTCNN ways disagree"
    )
    counts = {name: len(found) for name, (found, _, _) in rows.items()}
    assert len(set(counts.values())) == 1, f"analysed frames differ: {counts}"
    if digests is not None:
        ours = [digest(f) for i, f in enumerate(decoded_frames(clip)) if i % every == 0]
        assert digests == ours, "fer analysed other frames than skfer"
    return counts[names[0]]


def report(rows, n, args):
    fer = rows.get("fer Video.analyze, cascade")
    print(
        f"# {command()}\n# {machine()}\n# {args.frames} frames of 480x360, "
        f"every {args.every}-th analysed ({n} by every way), best of {args.repeat}"
    )
    if fer is None:
        print("# fer: skipped (pass --fer, with fer importable, to time it)")
    else:
        print(f"# {fer_versions()}; fer analysed the same {n} frames, bit for bit")
    print(
        f"\n{'way':<56}{'frames':>7}{'faces':>7}{'wall s':>8}{'frames/s':>10}"
        f"{'CPU frames/s':>14}{'vs fer':>8}"
    )
    for name, (found, wall, cpu) in rows.items():
        faces = sum(len(f) for f in found)
        ratio = f"{fer[1] / wall:7.2f}x" if fer else f"{'-':>8}"
        print(
            f"{name:<56}{len(found):7d}{faces:7d}{wall:8.2f}{n / wall:10.2f}"
            f"{n / cpu:14.2f}{ratio}"
        )
    (_, fast_wall, fast_cpu), (_, slow_wall, slow_cpu) = list(rows.values())[:2]
    print(
        f"\nanalyze_video over frame by frame (MTCNN): "
        f"{slow_wall / fast_wall:.2f}x wall, {slow_cpu / fast_cpu:.2f}x CPU"
    )
    if fer:
        for way in (
            "cascade", "cascade, threads", "cascade, threads, from 50 px",
            "MTCNN, faces from 50 px", "MTCNN, from 50 px, one view",
        ):
            _, wall, cpu = rows[f"analyze_video (batch {args.batch_size}), {way}"]
            print(
                f"analyze_video ({way}) over fer: "
                f"{fer[1] / wall:.2f}x wall, {fer[2] / cpu:.2f}x CPU"
            )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--frames", type=int, default=250)
    parser.add_argument("--every", type=int, default=5)
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument(
        "--fer", action="store_true", help="also time the fer package's Video"
    )
    args = parser.parse_args()
    if args.fer:
        try:
            fer_versions()
        except ImportError as error:
            parser.error(f"--fer needs the fer package and OpenCV: {error}")

    with tempfile.TemporaryDirectory() as folder:
        clip = Path(folder) / "clip.mp4"
        make_clip(clip, args.frames)
        rows, digests = run_ways(clip, folder, args)
        n = check(rows, digests, clip, args.every)
    report(rows, n, args)


if __name__ == "__main__":
    main()
