"""HOG descriptors: skimage's per-image loop against HOGTransformer.

Times, in one run and on the same FER2013 Training images, the plain loop
``np.stack([skimage.feature.hog(im) for im in images])``, HOGTransformer on
one core and HOGTransformer with ``n_jobs=2`` (default HOG parameters).
HOGTransformer runs threads, and only with 5,000 images or more each: the
row's label says how many threads the run had. Reports images/s, the
speed-up over the loop (wall clock and CPU time of this process, threads
included) and the largest absolute difference from the loop's descriptors,
then the peak memory (tracemalloc) of transforming the whole Training split.

    python benchmarks/bench_hog.py [--data PATH] [--n-images 5000] [--repeat 3]
"""

import argparse
import os
import platform
import time
import tracemalloc
from pathlib import Path

import numpy as np
import skimage
from joblib import effective_n_jobs
from skimage.feature import hog

from _common import DEFAULT_DATA, command, machine
from skfer.features import HOGTransformer

HOG_PARAMS = dict(
    orientations=9,
    pixels_per_cell=(8, 8),
    cells_per_block=(3, 3),
    block_norm="L2-Hys",
    transform_sqrt=False,
)


def load_training_images(path):
    path = Path(path)
    if path.is_dir():
        path = path / "fer2013_train.npz"
    with np.load(path) as data:
        return data["X"]


def skimage_loop(images):
    return np.stack([hog(image, **HOG_PARAMS) for image in images])


def threads(n_images, n_jobs=2):
    """How many threads HOGTransformer(n_jobs=n_jobs) runs for ``n_images``."""
    n = min(effective_n_jobs(n_jobs), max(n_images // 5000, 1))
    return f"{n} thread{'s' if n > 1 else ''}"


def best_time(func, images, repeat):
    """Best wall-clock and best CPU seconds (this process) over ``repeat`` runs."""
    wall = cpu = float("inf")
    for _ in range(repeat):
        start_wall, start_cpu = time.perf_counter(), time.process_time()
        result = func(images)
        wall = min(wall, time.perf_counter() - start_wall)
        cpu = min(cpu, time.process_time() - start_cpu)
    return wall, cpu, result


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown CPU"


def peak_memory(transformer, images):
    tracemalloc.start()
    start = time.perf_counter()
    transformer.transform(images)
    seconds = time.perf_counter() - start
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak, seconds


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--data",
        default=DEFAULT_DATA / "fer2013_train.npz",
        help="fer2013_train.npz, or the folder holding it",
    )
    parser.add_argument("--n-images", type=int, default=5000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    print(command())
    print(machine())
    print(f"CPU: {cpu_model()}; scikit-image {skimage.__version__}")
    # Other people share the machine: their load explains noisy timings.
    print("load average: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))

    train = load_training_images(args.data)
    images = train[: args.n_images]
    flat = images.reshape(len(images), -1)
    print(
        f"{len(images)} of {len(train)} Training images, {images.shape[1:]} "
        f"{images.dtype}; HOG {HOG_PARAMS}; best of {args.repeat}\n"
    )

    one_core = HOGTransformer(**HOG_PARAMS, n_jobs=1).fit(flat)
    two_jobs = HOGTransformer(**HOG_PARAMS, n_jobs=2).fit(flat)
    one_core.transform(flat[:1000])  # warm-up: build the gradient look-up table

    wall, cpu, reference = best_time(skimage_loop, images, args.repeat)
    rows = [("skimage.feature.hog loop", wall, cpu, reference)]
    for name, transformer in [
        ("HOGTransformer, 1 core", one_core),
        (f"HOGTransformer, n_jobs=2 ({threads(len(images))})", two_jobs),
    ]:
        rows.append((name, *best_time(transformer.transform, flat, args.repeat)))

    # On a shared machine the CPU columns are the steadier measure.
    header = (
        f"{'method':<37} {'wall s':>7} {'images/s':>9} {'speed-up':>8} "
        f"{'CPU s':>7} {'CPU speed-up':>12} {'max |diff|':>10} {'bitwise':>7}"
    )
    print(header)
    print("-" * len(header))
    for name, wall, cpu, result in rows:
        print(
            f"{name:<37} {wall:>7.3f} {len(images) / wall:>9,.0f} "
            f"{rows[0][1] / wall:>7.1f}x {cpu:>7.3f} {rows[0][2] / cpu:>11.1f}x "
            f"{np.abs(result - reference).max():>10.1e} "
            f"{'yes' if np.array_equal(result, reference) else 'no':>7}"
        )

    whole = train.reshape(len(train), -1)
    output_mb = len(train) * reference.shape[1] * reference.itemsize / 1e6
    print(
        f"\nWhole Training split ({len(train)} images; the float64 output "
        f"alone is {output_mb:.0f} MB), peak traced memory of transform():"
    )
    for name, transformer in [
        ("HOGTransformer, 1 core", one_core),
        (f"HOGTransformer, n_jobs=2 ({threads(len(train))})", two_jobs),
    ]:
        peak, seconds = peak_memory(transformer, whole)
        print(f"  {name:<37} {peak / 1e6:>6.0f} MB  ({seconds:.2f} s)")


if __name__ == "__main__":
    main()
