"""``skfer predict PATH...``: the emotion of every face in photos and videos."""

import csv
import json
import sys
from importlib.util import find_spec
from pathlib import Path

from ..datasets import class_names
from ._inputs import expand, is_video


def check_paths(args):
    """The files to analyse; every path problem is reported before a model loads.

    Raises
    ------
    FileNotFoundError
        If ``--model`` names neither a shipped model nor a file, or no path
        names a file.
    """
    from ..pretrained import SHIPPED_MODELS

    model = args.model
    if model is not None and model not in SHIPPED_MODELS and not Path(model).is_file():
        raise FileNotFoundError(2, "No such file or directory", model)
    if args.annotate is not None and find_spec("matplotlib") is None:
        raise ValueError("--annotate draws with matplotlib: pip install 'skfer[plot]'.")
    files, problems = expand(args.images)
    if not files and len(problems) == 1:
        raise FileNotFoundError(problems[0])  # the one line of the failure
    for problem in problems:
        _error(problem)
    if not files:
        raise FileNotFoundError(2, "Nothing to analyse", " ".join(args.images))
    return files, bool(problems)


def predict(model, files, *, detector="mtcnn", every=10, output="table", annotate=None):
    """Analyse each file, print the results; return the number of files that failed."""
    from .._analyze import analyze_many

    if not hasattr(model, "predict_proba"):
        raise ValueError(
            f"the model ({type(model).__name__}) has no predict_proba: skfer "
            f"predict prints probabilities (train with `skfer train`, or wrap a "
            f"classifier in sklearn.calibration.CalibratedClassifierCV)."
        )
    names = class_names(model.classes_)
    results, failed = [], 0
    targets = _annotation_targets(files, annotate)
    for file in files:
        try:
            if is_video(file):
                from .._video import analyze_video

                frames = analyze_video(
                    file, model=model, detector=detector, every=every
                )
                results.append({"file": str(file), "frames": frames})
            else:
                (faces,) = analyze_many([file], model=model, detector=detector)
                results.append({"file": str(file), "faces": faces})
            if targets:
                _annotate(file, results[-1], targets[file])
        except (OSError, ValueError) as exc:
            _error(exc)
            failed += 1
    if output == "json":
        print(json.dumps(results, indent=2))
    elif output == "csv":
        _write_csv(results, names, sys.stdout)
    elif results:
        print(_table(results, names))
    return failed


def _error(message):
    print(f"skfer: error: {message}", file=sys.stderr)


def _rows(results):
    """(file, frame, time, face number, record or None) per face, or per
    photo or frame without a face."""
    for result in results:
        photo = [{"frame": None, "time": None, **result}]
        frames = result["frames"] if "frames" in result else photo
        for frame in frames:
            faces = frame["faces"] or [None]
            for i, face in enumerate(faces):
                number = i + 1 if face else None
                yield result["file"], frame["frame"], frame["time"], number, face


def _write_csv(results, names, out):
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(
        [
            "file",
            "frame",
            "time",
            "face",
            "row",
            "col",
            "height",
            "width",
            "score",
            "label",
        ]
        + names
    )
    for file, frame, time, number, face in _rows(results):
        if face is None:
            writer.writerow(
                [file, frame, _round(time), "", *[""] * 6, *[""] * len(names)]
            )
            continue
        probs = [round(face["proba"][n], 4) for n in names]
        score = "" if face["score"] is None else round(face["score"], 4)
        writer.writerow(
            [
                file,
                frame,
                _round(time),
                number,
                *face["box"],
                score,
                face["label"],
                *probs,
            ]
        )


def _round(time):
    return "" if time is None else round(time, 3)


def _table(results, names):
    labels = []
    for file, frame, time, _, face in _rows(results):
        where = file
        if frame is not None:
            where += f" frame {frame}" if time is None else f" @{time:.2f}s"
        labels.append((where, face))
    width = max([len("file")] + [len(w) for w, _ in labels]) + 2
    head = (
        f"{'file':<{width}}{'face box (row,col,h,w)':<24}{'score':>6}  {'emotion':<10}"
    )
    # Each column as wide as its name ("happiness"), at least 8.
    cols = [max(len(n), 8) + 1 for n in names]
    lines = [head + "".join(f"{n:>{c}}" for n, c in zip(names, cols))]
    for where, face in labels:
        if face is None:
            lines.append(f"{where:<{width}}no face found")
            continue
        box = ",".join(str(v) for v in face["box"])
        score = "" if face["score"] is None else f"{face['score']:.2f}"
        probs = "".join(f"{face['proba'][n]:{c}.2f}" for n, c in zip(names, cols))
        lines.append(f"{where:<{width}}{box:<24}{score:>6}  {face['label']:<10}{probs}")
    return "\n".join(lines)


def _annotation_targets(files, annotate):
    """The picture to write for each file: ``annotate`` itself for one file
    named with a suffix, else ``<annotate>/<stem>.png`` (``_timeline.png``
    for a video)."""
    if annotate is None:
        return {}
    out = Path(annotate)
    if len(files) == 1 and out.suffix:
        out.parent.mkdir(parents=True, exist_ok=True)
        return {files[0]: out}
    out.mkdir(parents=True, exist_ok=True)
    targets, taken = {}, set()
    for file in files:
        stem = file.stem + ("_timeline" if is_video(file) else "")
        name, k = f"{stem}.png", 1
        while name in taken:  # two photos with one stem in different folders
            k += 1
            name = f"{stem}-{k}.png"
        taken.add(name)
        targets[file] = out / name
    return targets


def _annotate(file, result, target):
    import matplotlib

    matplotlib.use("Agg")  # files only: no window, no display needed
    import matplotlib.pyplot as plt

    from ..plotting import plot_emotion_timeline, plot_faces

    if "frames" in result:
        ax = plot_emotion_timeline(result["frames"], path=target)
    else:
        ax = plot_faces(file, result["faces"], proba=True, path=target)
    plt.close(ax.figure)
