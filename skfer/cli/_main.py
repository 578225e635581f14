"""The ``skfer`` command: demo, predict, train, evaluate."""

import argparse
import os
import sys

from ..models import MODEL_NAMES
from ._checks import UsageError, non_negative_int, positive_int

_EPILOG = """\
exit status: 0 done; 1 a file, the data or the model is wrong, or a needed
package is missing; 2 bad arguments, or an output that would overwrite a file
(see --force); 3 an internal error (a bug: SKFER_TRACEBACK=1 shows the
traceback); 130 interrupted.

Model files saved with joblib (.joblib) are pickles: loading one runs
whatever code it holds. Load only model files you trust; .skops files load
without unpickling."""
_UNTRUSTED = " A .joblib file runs code when loaded: use only files you trust."


class _Parser(argparse.ArgumentParser):
    def error(self, message):
        # One clear line, not a usage dump.
        self.exit(2, f"{self.prog}: error: {message}\n")


def _parser():
    parser = _Parser(
        prog="skfer",
        description="Facial expression recognition.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = parser.add_subparsers(
        dest="command", required=True, parser_class=_Parser
    )

    d = commands.add_parser(
        "demo", help="train and test a HOG model on the bundled sample (offline)"
    )
    d.add_argument("--seed", type=non_negative_int, default=0)

    p = commands.add_parser(
        "predict", help="emotion of each face in photos and videos", epilog=_EPILOG
    )
    p.add_argument(
        "images",
        nargs="+",
        metavar="PATH",
        help="photos, videos, folders of them, or glob patterns",
    )
    p.add_argument(
        "--model",
        metavar="FILE",
        help="a model saved by `skfer train` (default: the shipped one)." + _UNTRUSTED,
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
        type=positive_int,
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

    t = commands.add_parser("train", help="train a model and save it", epilog=_EPILOG)
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
    t.add_argument("--epochs", type=positive_int, default=100)
    t.add_argument(
        "--width",
        type=positive_int,
        default=None,
        help="filters of the first CNN block (default: the model's)",
    )
    t.add_argument("--seed", type=non_negative_int, default=0)
    t.add_argument(
        "--out",
        required=True,
        metavar="FILE",
        help="where to save the model: .joblib, or .skops for hog-svm (loads "
        "without unpickling); checked before training",
    )
    t.add_argument("--force", action="store_true", help="overwrite --out")

    e = commands.add_parser(
        "evaluate", help="report of a saved model on data", epilog=_EPILOG
    )
    e.add_argument(
        "model",
        metavar="FILE",
        nargs="?",
        help="model file (default: the shipped one)." + _UNTRUSTED,
    )
    e.add_argument("--data", metavar="PATH", help="default: the bundled sample")
    e.add_argument("--usage", default=None, help="e.g. PublicTest (default: all)")
    e.add_argument("--labels", type=int, choices=(7, 3), default=7)
    e.add_argument(
        "--plots",
        metavar="DIR",
        help="write the charts there as PNG (needs matplotlib: skfer[plot])",
    )
    e.add_argument("--force", action="store_true", help="overwrite the charts")
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
    except UsageError as exc:
        return _error(exc, 2)
    except (OSError, ValueError, KeyError, EOFError, ImportError) as exc:
        return _error(exc, 1)
    except KeyboardInterrupt:
        print("skfer: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:
        if os.environ.get("SKFER_TRACEBACK"):
            raise
        # Not a bad input that skfer recognises: a bug, still one line.
        return _error(
            f"internal error, please report it ({type(exc).__name__}: "
            f"{exc}); SKFER_TRACEBACK=1 shows the traceback",
            3,
        )


def _error(exc, status):
    message = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
    filename = getattr(exc, "filename", None)
    lines = str(message).strip().splitlines() or [type(exc).__name__]
    print(
        f"skfer: error: {lines[0]}{f': {filename}' if filename else ''}",
        file=sys.stderr,
    )
    return status


def _run(args):
    from ._checks import check_evaluate, check_train
    from ._data import load_data

    if args.command == "demo":
        from ._demo import demo

        demo(args.seed)
        return 0
    if args.command == "train":
        from ._train import train

        check_train(args)
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
    check_evaluate(args)
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
    from sklearn.utils.validation import check_is_fitted

    from ..models import load_model

    model = load_model(path)
    if not hasattr(model, "predict"):
        raise ValueError(
            f"{path!r} holds a {type(model).__name__}, which cannot predict."
        )
    try:
        check_is_fitted(model)
    except Exception:
        raise ValueError(
            f"{path!r} holds an unfitted {type(model).__name__}."
        ) from None
    return model
