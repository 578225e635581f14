"""Video analysis speed: skfer.analyze_video against a frame-by-frame loop.

A synthetic clip (scikit-image's astronaut drifting across a 480x360 frame,
``--frames`` frames at 25 fps, H.264) is analysed at every ``--every``-th
frame two ways, with the shipped model and MTCNN:

- ``analyze_video``: ffmpeg's select filter drops the frames in between
  before they are converted to RGB, and the kept frames go through MTCNN
  and the model ``--batch-size`` at a time;
- a loop as per-frame tools do it: every frame decoded to RGB, and every
  ``--every``-th one analysed alone with :func:`skfer.analyze`.

Both give the same records (checked); the table gives analysed frames per
second of wall and of CPU time (best of ``--repeat``).

    python benchmarks/bench_video.py [--frames 250] [--every 5] [--repeat 2]
"""

import argparse
import os
import tempfile
import time
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

import numpy as np  # noqa: E402
from skimage import data  # noqa: E402

import skfer  # noqa: E402
from _common import command, machine  # noqa: E402


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


def frame_by_frame(path, every, model):
    import imageio_ffmpeg

    reader = imageio_ffmpeg.read_frames(str(path))
    meta = next(reader)
    width, height = meta["size"]
    results = []
    for i, raw in enumerate(reader):
        if i % every == 0:
            frame = np.frombuffer(raw, np.uint8).reshape(height, width, 3)
            results.append(skfer.analyze(frame, model=model))
    return results


def timed(function, repeat):
    best_wall = best_cpu = float("inf")
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        result = function()
        best_wall = min(best_wall, time.perf_counter() - wall)
        best_cpu = min(best_cpu, time.process_time() - cpu)
    return result, best_wall, best_cpu


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--frames", type=int, default=250)
    parser.add_argument("--every", type=int, default=5)
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--repeat", type=int, default=2)
    args = parser.parse_args()

    from skfer.pretrained import load

    model = load("fer2013")
    with tempfile.TemporaryDirectory() as folder:
        clip = Path(folder) / "clip.mp4"
        make_clip(clip, args.frames)
        skfer.analyze(data.astronaut(), model=model)  # warm-up: loads MTCNN

        def batched():
            frames = skfer.analyze_video(
                clip, model=model, every=args.every, batch_size=args.batch_size
            )
            return [f["faces"] for f in frames]

        fast, fast_wall, fast_cpu = timed(batched, args.repeat)
        slow, slow_wall, slow_cpu = timed(
            lambda: frame_by_frame(clip, args.every, model), args.repeat
        )
    assert [[f["label"] for f in faces] for faces in fast] == [
        [f["label"] for f in faces] for faces in slow
    ], "the two ways disagree"
    n = len(fast)
    print(
        f"# {command()}\n# {machine()}\n# {args.frames} frames of 480x360, "
        f"every {args.every}-th analysed ({n}), best of {args.repeat}\n"
    )
    print(f"{'way':<28}{'frames/s':>9}{'CPU frames/s':>14}{'faces':>7}")
    for name, wall, cpu, found in [
        (f"analyze_video (batch {args.batch_size})", fast_wall, fast_cpu, fast),
        ("frame by frame", slow_wall, slow_cpu, slow),
    ]:
        faces = sum(len(f) for f in found)
        print(f"{name:<28}{n / wall:9.2f}{n / cpu:14.2f}{faces:7d}")
    print(
        f"\nspeed-up: {slow_wall / fast_wall:.2f}x wall, {slow_cpu / fast_cpu:.2f}x CPU"
    )


if __name__ == "__main__":
    main()
