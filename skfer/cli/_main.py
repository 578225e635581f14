"""The ``skfer`` command: demo, predict, train, evaluate."""

import argparse
import os
import sys

from .. import __version__
from ._models import MODEL_NAMES

#: Each command: its one-line help and an example, for ``skfer`` and ``--help``.
COMMANDS = {
    "demo": (
        "train and test a HOG model on the bundled sample (offline)",
        "skfer demo",
    ),
    "predict": (
        "emotion of each face in photos",
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
    return "\n".join(lines)


def _examples(*lines):
    return "examples:\n" + "\n".join(f"  {line}" for line in lines)


def _parser():
    parser = _Parser(
        prog="skfer",
        description="Facial expression recognition (FER2013).",
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
    d.add_argument("--seed", type=int, default=0, help="seed of the split and model")

    p = command(
        "predict",
        "skfer predict photo1.jpg photo2.png --json",
        "skfer predict photo.jpg --labels 3",
        "skfer predict photo.jpg --model hog.joblib",
    )
    p.add_argument("images", nargs="+", metavar="IMAGE", help="photo files")
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
    p.add_argument("--json", action="store_true", help="JSON output")

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
        "--epochs", type=int, default=100, help="most epochs (CNNs; early stopping)"
    )
    t.add_argument(
        "--width",
        type=int,
        default=None,
        help="filters of the first CNN block (default: the model's)",
    )
    t.add_argument("--seed", type=int, default=0, help="seed of every random step")
    t.add_argument("--out", required=True, metavar="FILE", help="where to save it")

    e = command(
        "evaluate",
        "skfer evaluate --data fer2013.csv --usage PublicTest   # the shipped model",
        "skfer evaluate hog3.joblib --labels 3 --plots charts/ --json",
    )
    e.add_argument(
        "model", metavar="FILE", nargs="?", help="model file (default: the shipped one)"
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
    e.add_argument("--plots", metavar="DIR", help="write the charts there as PNG")
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
    model = _load(args.model, args.labels)
    if args.command == "predict":
        from ._predict import predict

        predict(model, args.images, as_json=args.json)
        return 0
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


def _load(path, labels):
    if path is None:
        from ..pretrained import load

        return load(labels=labels)
    from ..utils import load_model

    return load_model(path)
