"""The ``skfer`` command: demo, predict, train, evaluate."""

import argparse
import os
import sys

from ._models import MODEL_NAMES


class _Parser(argparse.ArgumentParser):
    def error(self, message):
        # One clear line, not a usage dump.
        self.exit(2, f"{self.prog}: error: {message}\n")


def _parser():
    parser = _Parser(prog="skfer", description="Facial expression recognition.")
    commands = parser.add_subparsers(
        dest="command", required=True, parser_class=_Parser
    )

    d = commands.add_parser(
        "demo", help="train and test a HOG model on the bundled sample (offline)"
    )
    d.add_argument("--seed", type=int, default=0)

    p = commands.add_parser("predict", help="emotion of each face in photos and videos")
    p.add_argument(
        "images",
        nargs="+",
        metavar="PATH",
        help="photos, videos, folders of them, or glob patterns",
    )
    p.add_argument(
        "--model",
        metavar="FILE",
        help="a model saved by `skfer train` (default: the shipped one)",
    )
    p.add_argument(
        "--labels",
        type=int,
        choices=(7, 3),
        default=7,
        help="shipped model to use: 7 emotions or happy/sad/neutral",
    )
    p.add_argument(
        "--detector",
        choices=("mtcnn", "cascade"),
        default="mtcnn",
        help="face finder: MTCNN (default) or the light LBP cascade",
    )
    p.add_argument(
        "--every",
        type=int,
        default=10,
        metavar="N",
        help="videos: analyse every N-th frame (default: 10)",
    )
    out = p.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true", help="JSON output")
    out.add_argument("--csv", action="store_true", help="CSV output, a row per face")
    p.add_argument(
        "--annotate",
        metavar="OUT",
        help="draw the results: OUT.png for one file, else a folder of PNGs "
        "(a timeline for each video)",
    )

    t = commands.add_parser("train", help="train a model and save it")
    t.add_argument("--model", required=True, choices=MODEL_NAMES)
    t.add_argument(
        "--data",
        metavar="PATH",
        help="FER2013 csv, image folder or .npz (default: bundled sample)",
    )
    t.add_argument(
        "--usage",
        default=None,
        help="train on this split only, e.g. Training (default: all)",
    )
    t.add_argument("--labels", type=int, choices=(7, 3), default=7)
    t.add_argument(
        "--balance",
        action="store_true",
        help="balance classes by augmentation, inside the pipeline",
    )
    t.add_argument(
        "--augment",
        action="store_true",
        help="augment on the fly while training (CNNs)",
    )
    t.add_argument("--epochs", type=int, default=100)
    t.add_argument(
        "--width",
        type=int,
        default=None,
        help="filters of the first CNN block (default: the model's)",
    )
    t.add_argument("--seed", type=int, default=0)
    t.add_argument("--out", required=True, metavar="FILE")

    e = commands.add_parser("evaluate", help="report of a saved model on data")
    e.add_argument(
        "model", metavar="FILE", nargs="?", help="model file (default: the shipped one)"
    )
    e.add_argument("--data", metavar="PATH", help="default: the bundled sample")
    e.add_argument("--usage", default=None, help="e.g. PublicTest (default: all)")
    e.add_argument("--labels", type=int, choices=(7, 3), default=7)
    e.add_argument("--plots", metavar="DIR", help="write the charts there as PNG")
    return parser


def main(argv=None):
    """Run the ``skfer`` command; return its exit code."""
    args = _parser().parse_args(argv)
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    if args.command == "predict":
        # TensorFlow announces its oneDNN kernels on stderr whatever the log
        # level, unless they are off. A few faces do not need their speed;
        # evaluate and train keep them.
        os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")
    try:
        return _run(args)
    except (OSError, ValueError, KeyError, EOFError) as exc:
        message = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
        filename = getattr(exc, "filename", None)
        print(
            f"skfer: error: {message}{f': {filename}' if filename else ''}",
            file=sys.stderr,
        )
        return 1


def _run(args):
    from ._data import load_data

    if args.command == "demo":
        from ._demo import demo

        demo(args.seed)
        return 0
    if args.command == "train":
        from ._train import train

        X, y, described = load_data(args.data, usage=args.usage, labels=args.labels)
        print(described)
        train(
            args.model,
            X,
            y,
            args.out,
            balance=args.balance,
            augment=args.augment,
            epochs=args.epochs,
            seed=args.seed,
            width=args.width,
        )
        return 0
    if args.command == "predict":
        return _predict(args)
    model = _load(args.model, args.labels)
    from ._evaluate import evaluate

    X, y, described = load_data(args.data, usage=args.usage, labels=args.labels)
    print(described)
    if args.model is None and args.data is None:
        print(
            "note: the bundled sample comes from FER2013 Training, which the "
            "shipped model was trained on: this is no test score."
        )
    evaluate(model, X, y, plots=args.plots)
    return 0


def _predict(args):
    from ._predict import check_paths, predict

    if args.every < 1:
        raise ValueError(f"--every must be at least 1, got {args.every}.")
    files, missing = check_paths(args)
    model = _load(args.model, args.labels)
    output = "json" if args.json else "csv" if args.csv else "table"
    failed = predict(
        model,
        files,
        detector=args.detector,
        every=args.every,
        output=output,
        annotate=args.annotate,
    )
    return 1 if failed or missing else 0


def _load(path, labels):
    if path is None:
        from ..pretrained import load

        return load(labels=labels)
    from ..utils import load_model

    return load_model(path)
