"""The ``skfer`` command: demo, predict, train, evaluate."""

import argparse
import os
import sys

from .. import __version__
from ..models import MODEL_NAMES
from ._checks import UsageError, face_side, non_negative_int, positive_int

_EPILOG = """\
exit status: 0 done; 1 a file, the data or the model is wrong, or a needed
package is missing; 2 bad arguments, or an output that would overwrite a file
(see --force); 3 an internal error (a bug: SKFER_TRACEBACK=1 shows the
traceback); 130 interrupted.

Model files saved with joblib (.joblib) are pickles: loading one runs
whatever code it holds. Load only model files you trust; .skops files load
without unpickling."""
_UNTRUSTED = " A .joblib file runs code when loaded: use only files you trust."


#: Each command: its one-line help and an example, for ``skfer`` and ``--help``.
COMMANDS = {
    "demo": (
        "train and test a HOG model on the bundled sample (offline)",
        "skfer demo",
    ),
    "predict": (
        "emotion of each face in photos and videos",
        "skfer predict examples/images/astronaut.jpg",
    ),
    "train": (
        "train a model and save it",
        "skfer train --model hog-svm --data fer2013.csv --out hog.joblib",
    ),
    "evaluate": (
        "report of a saved model on data",
        "skfer evaluate hog.joblib --data fer2013.csv --usage PublicTest",
    ),
}


class _Formatter(argparse.RawDescriptionHelpFormatter):
    """Epilogs keep their lines; an option's help ends with its default."""

    def _get_help_string(self, action):
        help_ = action.help or ""
        unset = any(action.default is v for v in (None, False, argparse.SUPPRESS))
        if unset or "default" in help_ or not action.option_strings:
            return help_
        return f"{help_} (default: %(default)s)"


class _Parser(argparse.ArgumentParser):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, formatter_class=_Formatter, **kwargs)

    def error(self, message):
        # One clear line, not a usage dump.
        self.exit(2, f"{self.prog}: error: {message}\n")


def _overview():
    width = max(map(len, COMMANDS)) + 2
    lines = ["commands, with an example of each:"]
    for name, (help_, example) in COMMANDS.items():
        lines += [f"  {name:<{width}}{help_}", f"  {'':<{width}}{example}"]
    lines.append("\n`skfer COMMAND --help` gives a command's options and defaults.")
    return "\n".join(lines) + "\n\n" + _EPILOG


def _examples(*lines):
    examples = "\n".join(f"  {line}" for line in lines)
    return f"examples:\n{examples}\n\n{_EPILOG}"


def _parser():
    parser = _Parser(
        prog="skfer",
        description="Facial expression recognition.",
        epilog=_overview(),
    )
    parser.add_argument("--version", action="version", version=f"skfer {__version__}")
    commands = parser.add_subparsers(
        dest="command",
        metavar="COMMAND",
        help="one of the commands below",
        parser_class=_Parser,
    )

    def command(name, *examples):
        # No help= here: the epilog lists the commands, with their examples.
        help_, example = COMMANDS[name]
        return commands.add_parser(
            name,
            description=help_[0].upper() + help_[1:] + ".",
            epilog=_examples(example, *examples),
        )

    d = command("demo", "skfer demo --seed 1")
    d.add_argument(
        "--seed", type=non_negative_int, default=0, help="seed of the split and model"
    )

    p = command(
        "predict",
        "skfer predict photo1.jpg photo2.png --json",
        "skfer predict photos/ --csv > emotions.csv",
        "skfer predict clip.mp4 --every 5 --annotate clip_timeline",
        "skfer predict photo.jpg --model fer2013 --labels 3",
        "skfer predict photo.jpg --model hog.joblib",
    )
    p.add_argument(
        "images",
        nargs="+",
        metavar="PATH",
        help="photos, videos, folders of them, or glob patterns",
    )
    p.add_argument(
        "--model",
        metavar="NAME|FILE",
        help="a shipped model, ferplus (the eight FER+ emotions) or fer2013 "
        "(FER2013's seven), or a model file saved by `skfer train` (default: "
        "ferplus, the one closer to the FER+ crowd)." + _UNTRUSTED,
    )
    p.add_argument(
        "--labels",
        type=int,
        choices=(7, 3),
        default=None,
        help="the shipped fer2013 model's 7 emotions or its happy/sad/neutral "
        "model (implies --model fer2013)",
    )
    p.add_argument(
        "--detector",
        choices=("mtcnn", "cascade"),
        default="mtcnn",
        help="face finder: MTCNN or the light LBP cascade",
    )
    p.add_argument(
        "--min-face",
        type=face_side,
        metavar="PIXELS",
        help="smallest face side searched; larger is faster (default: 20 for "
        "MTCNN, a tenth of the photo's shorter side for the cascade)",
    )
    p.add_argument(
        "--every",
        type=positive_int,
        default=10,
        metavar="N",
        help="videos: analyse every N-th frame",
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

    t = command(
        "train",
        "skfer train --model cnn2 --data fer2013.csv --usage Training \\\n"
        "      --balance --augment --epochs 30 --out cnn2.joblib",
        "skfer train --model hog-svm --labels 3 --out hog3.joblib   # bundled sample",
    )
    t.add_argument("--model", required=True, choices=MODEL_NAMES, help="model to train")
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
    t.add_argument(
        "--labels",
        type=int,
        choices=(7, 3),
        default=7,
        help="7 emotions, or 3: happy, sad and neutral",
    )
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
    t.add_argument(
        "--epochs",
        type=positive_int,
        default=100,
        help="most epochs (CNNs; early stopping)",
    )
    t.add_argument(
        "--width",
        type=positive_int,
        default=None,
        help="filters of the first CNN block (default: the model's)",
    )
    t.add_argument(
        "--seed", type=non_negative_int, default=0, help="seed of every random step"
    )
    t.add_argument(
        "--out",
        required=True,
        metavar="FILE",
        help="where to save the model: .joblib, or .skops for hog-svm (loads "
        "without unpickling); checked before training",
    )
    t.add_argument("--force", action="store_true", help="overwrite --out")

    e = command(
        "evaluate",
        "skfer evaluate --data fer2013.csv --usage PublicTest   # the shipped model",
        "skfer evaluate hog3.joblib --labels 3 --plots charts/ --json",
    )
    e.add_argument(
        "model",
        metavar="FILE",
        nargs="?",
        help="model file (default: the shipped one)." + _UNTRUSTED,
    )
    e.add_argument(
        "--data",
        metavar="PATH",
        help="FER2013 csv, image folder or .npz (default: bundled sample)",
    )
    e.add_argument(
        "--usage",
        default=None,
        help="evaluate on this split only, e.g. PublicTest (default: all)",
    )
    e.add_argument(
        "--labels",
        type=int,
        choices=(7, 3),
        default=7,
        help="7 emotions, or 3: happy, sad and neutral",
    )
    e.add_argument(
        "--plots",
        metavar="DIR",
        help="write the charts there as PNG (needs matplotlib: skfer[plot])",
    )
    e.add_argument("--force", action="store_true", help="overwrite the charts")
    e.add_argument(
        "--json",
        action="store_true",
        help="print the figures as JSON: accuracy, macro-F1, per-class "
        "precision, recall, F1 and support, wrong predictions, confusion matrix",
    )
    return parser


def main(argv=None):
    """Run the ``skfer`` command; return its exit code."""
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command is None:
        print(f"{parser.format_usage()}\n{_overview()}", file=sys.stderr)
        return 2
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
    # With --json, standard output is the JSON document alone.
    notes = sys.stderr if args.json else sys.stdout
    print(described, file=notes)
    if args.model is None and args.data is None:
        print(
            "note: the bundled sample comes from FER2013 Training, which the "
            "shipped model was trained on: this is no test score.",
            file=notes,
        )
    evaluate(model, X, y, plots=args.plots, as_json=args.json, data=described)
    return 0


def _predict(args):
    from ._predict import check_paths, predict

    files, missing = check_paths(args)
    model = _load(args.model, args.labels, default=_default_model(args.labels))
    output = "json" if args.json else "csv" if args.csv else "table"
    failed = predict(
        model,
        files,
        detector=_detector(args.detector, args.min_face),
        every=args.every,
        output=output,
        annotate=args.annotate,
    )
    return 1 if failed or missing else 0


def _detector(name, min_face):
    if min_face is None:
        return name
    from ..faces import CascadeDetector, MTCNNDetector

    if name == "cascade":
        return CascadeDetector(min_size=min_face)
    return MTCNNDetector(min_face_size=min_face)


def _default_model(labels):
    from ..pretrained import DEFAULT_MODEL

    # --labels names a FER2013 label set, so it asks for that model.
    return "fer2013" if labels is not None else DEFAULT_MODEL


def _load(path, labels, default="fer2013"):
    from ..pretrained import SHIPPED_MODELS

    path = default if path is None else path
    if path in SHIPPED_MODELS:
        from ..pretrained import load

        return load(path, labels=labels)
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
