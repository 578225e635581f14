"""Pack FER2013 for the accelerator machine, or unpack it there.

The device tool carries at most 64 MiB of git-ignored files. The ``.npz``
files are 66 MB of pixels (60 MB compressed); one lossless PNG strip per
split is 45 MB for Training, so Training and PublicTest fit with the wheels.

    python benchmarks/accelerator/pack_data.py pack [--data PATH] [--out .devdata]
    python benchmarks/accelerator/pack_data.py unpack [--out .devdata]

``pack`` writes ``<split>.png`` (the images stacked into a 48-pixel-wide
strip), ``<split>_y.npy`` and ``SHA256SUMS``; ``unpack`` checks the sums and
writes ``fer2013_<split>.npz`` (keys ``X`` and ``y``) beside them, which
``train_pretrained.py --data`` reads.
"""

import argparse
import hashlib
import sys
from pathlib import Path

import numpy as np
from PIL import Image

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from _common import DEFAULT_DATA  # noqa: E402

SPLITS = ("train", "publictest")


def pack(data, out):
    out.mkdir(parents=True, exist_ok=True)
    for split in SPLITS:
        arrays = np.load(data / f"fer2013_{split}.npz")
        Image.fromarray(arrays["X"].reshape(-1, 48)).save(out / f"{split}.png")
        np.save(out / f"{split}_y.npy", arrays["y"])
    files = sorted(p.name for p in out.iterdir() if p.suffix in (".png", ".npy"))
    sums = "".join(f"{_sha256(out / f)}  {f}\n" for f in files)
    (out / "SHA256SUMS").write_text(sums)
    size = sum((out / f).stat().st_size for f in files) / 2**20
    print(f"packed {len(SPLITS)} splits into {out} ({size:.1f} MB)")


def unpack(out):
    for line in (out / "SHA256SUMS").read_text().splitlines():
        digest, name = line.split()
        if _sha256(out / name) != digest:
            raise SystemExit(f"checksum mismatch: {out / name}")
    for split in SPLITS:
        X = np.asarray(Image.open(out / f"{split}.png")).reshape(-1, 48, 48)
        y = np.load(out / f"{split}_y.npy")
        np.savez(out / f"fer2013_{split}.npz", X=X, y=y)
        print(f"{split}: {X.shape[0]} images")


def _sha256(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("action", choices=("pack", "unpack"))
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--out", type=Path, default=Path(".devdata"))
    args = parser.parse_args()
    pack(args.data, args.out) if args.action == "pack" else unpack(args.out)


if __name__ == "__main__":
    main()
