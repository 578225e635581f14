"""Face detectors on FER2013 faces pasted into photos: recall, false faces,
speed, and the accuracy of the whole photo-to-emotion path.

Each of ``--n-faces`` PublicTest faces (seeded draw) is pasted at each of
``--sizes`` pixels and each of ``--angles`` degrees into a 320x320 photo:
even-numbered faces into a crop of one of scikit-image's face-free sample
photos, odd-numbered ones onto a canvas made by repeating the face's edge
pixels. A turn rotates the whole photo about the face's centre. A detection
is the face when its box's centre lies in the middle half of the pasted
square and its longer side is 0.3 to 1.5 times the square's side; any other
box is a false face. The face-free photos are also searched whole, at their
own sizes.

End-to-end accuracy: the shipped 7-label model
(``skfer.pretrained.load("fer2013")``) on each found face cropped as
:func:`skfer.faces.extract_faces` crops it (a missed face counts as wrong),
against the same model on the original 48x48 crops. MTCNN runs with its
landmark alignment on and off; the detections are the same, only the crop
differs.

``--framing`` instead measures how each detector's boxes sit on FER2013's
framing, on Training faces pasted upright: the median of
``pasted side / box side`` and of the offset between the centres, which
``skfer.faces.FRAMING`` holds.

    python benchmarks/bench_detection.py [--n-faces 50] [--sizes 72 144 240]
        [--angles 0 20] [--seed 0] [--framing]
"""

import argparse
import os
import time
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

import numpy as np  # noqa: E402
from skimage import data as skdata  # noqa: E402
from skimage.transform import resize, rotate  # noqa: E402

from _common import DEFAULT_DATA, command, machine  # noqa: E402
from skfer.datasets import load_fer2013  # noqa: E402
from skfer.faces import (  # noqa: E402
    FRAMING,
    CascadeDetector,
    MTCNNDetector,
    crop_face,
)
from skfer.utils import read_gray  # noqa: E402

CANVAS = 320
FACE_FREE = (
    "brick", "cell", "chelsea", "clock", "coffee", "colorwheel", "grass",
    "gravel", "horse", "hubble_deep_field", "immunohistochemistry", "logo",
    "microaneurysms", "moon", "motorcycle_left", "page", "retina", "rocket",
    "text",
)  # fmt: skip


def face_free_photos():
    photos = {}
    for name in FACE_FREE:
        if name == "motorcycle_left":
            photos[name] = skdata.stereo_motorcycle()[0]
        else:
            photos[name] = getattr(skdata, name)()
    return photos


def gray_background(photo, rng):
    gray = read_gray(photo)
    if min(gray.shape) < CANVAS:
        gray = resize(gray, (CANVAS, CANVAS), anti_aliasing=True)
    top = rng.integers(0, gray.shape[0] - CANVAS + 1)
    left = rng.integers(0, gray.shape[1] - CANVAS + 1)
    return gray[top : top + CANVAS, left : left + CANVAS]


def paste(face, size, angle, background, rng):
    """A photo holding ``face`` at ``size`` pixels; returns it and the square."""
    tile = resize(face / 255.0, (size, size), anti_aliasing=True)
    top, left = rng.integers(0, CANVAS - size + 1, size=2)
    if background is None:
        pad = ((top, CANVAS - size - top), (left, CANVAS - size - left))
        photo = np.pad(tile, pad, mode="edge")
    else:
        photo = background.copy()
        photo[top : top + size, left : left + size] = tile
    if angle:
        centre = (left + size / 2 - 0.5, top + size / 2 - 0.5)  # (x, y)
        photo = rotate(photo, angle, center=centre, mode="edge")
    return (np.clip(photo, 0, 1) * 255).round().astype(np.uint8), (top, left, size)


def match(boxes, square):
    """Index of the box that is the pasted face (largest overlap), or None."""
    top, left, size = square
    centre = np.array([top + size / 2, left + size / 2])
    best = None
    for i, (r, c, h, w) in enumerate(boxes):
        offset = np.abs(np.array([r + h / 2, c + w / 2]) - centre)
        if (offset <= size / 4).all() and 0.3 * size <= max(h, w) <= 1.5 * size:
            if best is None or max(h, w) > max(boxes[best][2:]):
                best = i
    return best


def detectors():
    return {"MTCNN": MTCNNDetector(), "LBP cascade": CascadeDetector()}


def make_photos(faces, sizes, angles, backgrounds, rng):
    photos = []
    for i, face in enumerate(faces):
        for size in sizes:
            for angle in angles:
                background = None
                if i % 2 == 0:
                    name = list(backgrounds)[(i // 2) % len(backgrounds)]
                    background = gray_background(backgrounds[name], rng)
                photo, square = paste(face, size, angle, background, rng)
                photos.append((i, size, angle, photo, square))
    return photos


def run_detector(detector, photos):
    """Detections, and the median wall and CPU milliseconds per photo."""
    found, wall, cpu = [], [], []
    for *_, photo, _ in photos:
        start, start_cpu = time.perf_counter(), time.process_time()
        faces = detector.detect(photo)
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
        found.append(faces)
    return found, 1000 * float(np.median(wall)), 1000 * float(np.median(cpu))


def framing(args, detectors_):
    fer = load_fer2013(args.data / "fer2013_train.npz")
    rng = np.random.default_rng(args.seed)
    pick = rng.choice(len(fer.data), args.n_faces, replace=False)
    faces = fer.data[pick].reshape(-1, 48, 48)
    photos = make_photos(faces, args.sizes, [0], face_free_photos(), rng)
    print(
        f"{'detector':<14}{'found':>7}{'side ratio':>12}{'row shift':>11}"
        f"{'col shift':>11}{'margin':>8}"
    )
    for name, detector in detectors_.items():
        detector.detect(photos[0][3])  # warm-up: loads the networks
        found, *_ = run_detector(detector, photos)
        ratio, drow, dcol = [], [], []
        for (*_, square), faces in zip(photos, found):
            k = match(faces.boxes, square)
            if k is None:
                continue
            r, c, h, w = faces.boxes[k]
            top, left, size = square
            side = max(h, w)
            ratio.append(size / side)
            drow.append((top + size / 2 - (r + h / 2)) / side)
            dcol.append((left + size / 2 - (c + w / 2)) / side)
        ratio_, drow_, dcol_ = (float(np.median(v)) for v in (ratio, drow, dcol))
        print(
            f"{name:<14}{len(ratio):>4}/{len(photos):<3}{ratio_:12.3f}"
            f"{drow_:11.3f}{dcol_:11.3f}{(ratio_ - 1) / 2:8.3f}"
        )


def predict_crops(model, detector, photos, found, hits, align):
    """Predicted code per photo, -1 where the face was missed."""
    crops, where = [], []
    for j, ((*_, photo, _), faces, k) in enumerate(zip(photos, found, hits)):
        if k is not None:
            marks = faces.landmarks[k] if align else None
            framing = FRAMING[type(detector).__name__]
            crops.append(
                crop_face(read_gray(photo), faces.boxes[k], landmarks=marks, **framing)
            )
            where.append(j)
    pred = np.full(len(photos), -1)
    if crops:
        pred[where] = model.predict(np.array(crops))
    return pred


def scores(pred, truth, direct, sel):
    ok = sel & (pred >= 0)
    return (
        ok.sum() / sel.sum(),
        np.mean(pred[sel] == truth[sel]),
        np.mean(pred[ok] == truth[ok]),
        np.mean(direct[ok] == truth[ok]),
    )


def benchmark(args, detectors_):
    from skfer.pretrained import load

    fer = load_fer2013(args.data / "fer2013_publictest.npz")
    rng = np.random.default_rng(args.seed)
    pick = rng.choice(len(fer.data), args.n_faces, replace=False)
    faces, y = fer.data[pick].reshape(-1, 48, 48), fer.target[pick]
    backgrounds = face_free_photos()
    photos = make_photos(faces, args.sizes, args.angles, backgrounds, rng)
    model = load("fer2013")
    direct = model.predict(faces.reshape(len(faces), -1))
    truth = np.array([y[i] for i, *_ in photos])
    direct_ = np.array([direct[i] for i, *_ in photos])
    print(
        f"{len(faces)} PublicTest faces, {len(photos)} photos of {CANVAS}x{CANVAS}"
        f" (sizes {args.sizes}, angles {args.angles}); {len(backgrounds)} "
        f"face-free photos; direct-crop accuracy {np.mean(direct == y):.3f}\n"
    )
    print(
        f"{'detector':<24}{'recall':>7}{'e2e acc':>9}{'found acc':>10}{'direct':>8}"
        f"{'false':>7}{'free':>6}{'ms':>6}{'cpu ms':>8}"
    )
    groups = [(size, angle) for size in args.sizes for angle in args.angles]
    for name, detector in detectors_.items():
        detector.detect(photos[0][3])  # warm-up: loads the networks
        found, ms, cpu_ms = run_detector(detector, photos)
        free = sum(len(detector.detect(p).boxes) for p in backgrounds.values())
        hits = [match(f.boxes, p[-1]) for f, p in zip(found, photos)]
        false = sum(len(f.boxes) - (k is not None) for f, k in zip(found, hits))
        for align in [True, False] if name == "MTCNN" else [False]:
            pred = predict_crops(model, detector, photos, found, hits, align)
            every = np.ones(len(photos), dtype=bool)
            label = f"{name}{' aligned' if align else ''}"
            print(
                f"{label:<24}"
                + "".join(
                    f"{v:{w}.3f}"
                    for v, w in zip(scores(pred, truth, direct_, every), (7, 9, 10, 8))
                )
                + f"{false:7d}{free:6d}{ms:6.0f}{cpu_ms:8.0f}"
            )
            for size, angle in groups:
                sel = np.array([p[1:3] == (size, angle) for p in photos])
                print(
                    f"  size {size:>3}, angle {angle:>3}   "
                    + "".join(
                        f"{v:{w}.3f}"
                        for v, w in zip(
                            scores(pred, truth, direct_, sel), (7, 9, 10, 8)
                        )
                    )
                )
    print(
        "\nrecall: share of pasted faces found; e2e acc: right emotions / all "
        "pasted faces; found acc and direct: on the faces found, from the "
        "photo's crop and from FER2013's own crop; false: boxes that are not "
        "the pasted face; free: faces found in the face-free photos; ms and "
        "cpu ms: median wall and CPU (all threads) time per photo."
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--n-faces", type=int, default=50)
    parser.add_argument("--sizes", type=int, nargs="+", default=[72, 144, 240])
    parser.add_argument("--angles", type=int, nargs="+", default=[0, 20])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--framing", action="store_true")
    args = parser.parse_args()
    print(f"# {command()}\n# {machine()}\n")
    (framing if args.framing else benchmark)(args, detectors())


if __name__ == "__main__":
    main()
