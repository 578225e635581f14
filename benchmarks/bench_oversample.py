"""Balance FER2013 Training to its majority class with AugmentingOversampler.

Side by side in one run: imbalanced-learn's RandomOverSampler (plain
duplication, the cheapest possible balancing), AugmentingOversampler, and the
same augmentations applied one image at a time (the naive loop) on a subset.
Prints seconds, peak memory, ratios, and per-class counts before and after.

    python benchmarks/bench_oversample.py [--data PATH] [--loop-images 2000]
"""

import argparse
import time
import tracemalloc
from collections import Counter

import numpy as np
from imblearn.over_sampling import RandomOverSampler

from _common import DEFAULT_DATA, command, machine
from skfer.datasets import EMOTIONS, load_fer2013
from skfer.over_sampling import AugmentingOversampler
from skfer.over_sampling._augmenting import (
    DEFAULT_AUGMENTATIONS,
    _augment,
)


def timed(func):
    tracemalloc.start()
    start = time.perf_counter()
    result = func()
    seconds = time.perf_counter() - start
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return result, seconds, peak / 2**20


def per_image_loop(images, rng):
    out = np.empty_like(images)
    for i, image in enumerate(images):
        out[i] = _augment(image[None], DEFAULT_AUGMENTATIONS, 0.5, None, rng)[0]
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=DEFAULT_DATA / "fer2013_train.npz")
    parser.add_argument("--loop-images", type=int, default=2000)
    args = parser.parse_args()

    fer = load_fer2013(args.data, usage="Training")
    X, y = fer.data, fer.target
    (X_dup, _), t_dup, m_dup = timed(
        lambda: RandomOverSampler(random_state=0).fit_resample(X, y)
    )
    (X_aug, y_aug), t_aug, m_aug = timed(
        lambda: AugmentingOversampler(random_state=0).fit_resample(X, y)
    )
    n_new = len(X_aug) - len(X)
    subset = fer.images[: args.loop_images]
    rng = np.random.default_rng(0)
    _, t_loop, _ = timed(lambda: per_image_loop(subset, rng))
    _, t_batch, _ = timed(
        lambda: _augment(subset, DEFAULT_AUGMENTATIONS, 0.5, None, rng)
    )

    print(f"# {command()}\n# {machine()}\n")
    print(f"Training images: {len(X)}, new images made: {n_new}, dtype out: "
          f"{X_aug.dtype}\n")
    print(f"{'method':<42}{'seconds':>9}{'peak MB':>9}{'new img/s':>11}")
    for name, t, m in [
        ("RandomOverSampler (duplication)", t_dup, m_dup),
        ("AugmentingOversampler", t_aug, m_aug),
    ]:
        print(f"{name:<42}{t:9.2f}{m:9.0f}{n_new / t:11.0f}")
    print(f"\nAugmentingOversampler / RandomOverSampler time: {t_aug / t_dup:.1f}x")
    print(f"Output array itself: {X_aug.nbytes / 2**20:.0f} MB "
          f"(peak includes it)")
    print(f"\nSame augmentations on {len(subset)} images: per-image loop "
          f"{t_loop:.2f} s, batched {t_batch:.2f} s, speed-up {t_loop / t_batch:.1f}x")
    before, after = Counter(y.tolist()), Counter(y_aug.tolist())
    print(f"\n{'class':<10}{'before':>8}{'after':>8}")
    for code, name in enumerate(EMOTIONS):
        print(f"{name:<10}{before[code]:>8}{after[code]:>8}")
    assert len(X_dup) == len(X_aug)


if __name__ == "__main__":
    main()
