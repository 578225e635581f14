"""Where each row of ``reproduce_report.py`` keeps its progress and result.

``report_runs/<row>/`` holds ``run.json`` (the settings the row started
with and every invocation that trained it), ``checkpoint.joblib`` while
training is unfinished, then ``model.joblib`` (the finished model, stripped
for shipping) and ``result.json`` (its scores). Reading them needs neither
Keras nor the data.
"""

import json
from pathlib import Path

import numpy as np

from _report_rows import RECIPE, ROWS

RUNS = Path(__file__).resolve().parent / "report_runs"
SCRIPT = "python benchmarks/reproduce_report.py"
#: The options of a run, and their defaults.
DEFAULTS = {"epochs": RECIPE["epochs"], "width": None, "limit": None, "seed": 0}
#: The options that choose the data, which an ensemble shares with its members.
DATA_OPTIONS = ("limit", "seed")


def command(row, settings):
    """The command that trains (or reruns) ``row`` with ``settings``."""
    options = (row.members and DATA_OPTIONS) or DEFAULTS
    given = "".join(
        f" --{key} {settings[key]}"
        for key in options
        if settings.get(key, DEFAULTS[key]) != DEFAULTS[key]
    )
    return f"{SCRIPT} {row.name}{given}"


def _json_default(value):
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, np.ndarray):
        return value.tolist()
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def write_json(path, content):
    # Whole or not at all: a run killed while writing keeps the old file.
    tmp = path.with_suffix(".tmp")
    tmp.write_text(json.dumps(content, indent=1, default=_json_default) + "\n")
    tmp.replace(path)


def _read(path):
    return json.loads(path.read_text()) if path.exists() else None


class RunFolder:
    """The files of one row under ``runs``."""

    def __init__(self, runs, row):
        self.row = row
        self.path = Path(runs) / row.name
        self.checkpoint = self.path / "checkpoint.joblib"
        self.model = self.path / "model.joblib"
        self._progress = self.path / "run.json"
        self._result = self.path / "result.json"

    def progress(self):
        """Settings and invocations so far, or None before the first."""
        return _read(self._progress)

    def result(self):
        """The scores of a finished row, or None."""
        return _read(self._result)

    def start(self, settings):
        """Create the folder, or check that a started row keeps its settings."""
        progress = self.progress()
        if progress is None:
            self.path.mkdir(parents=True, exist_ok=True)
            recipe = None if self.row.is_ensemble else RECIPE
            progress = dict(row=self.row.name, settings=settings, recipe=recipe,
                            epochs_done=0, invocations=[])
            write_json(self._progress, progress)
            return progress
        if progress["settings"] != settings:
            raise SystemExit(
                f"{self.row.name} was started with {progress['settings']}; this "
                f"run asks for {settings}. Give the same options, or delete "
                f"{self.path} to start it over."
            )
        if progress["recipe"] not in (None, RECIPE):
            raise SystemExit(
                f"{self.row.name} was started with another recipe "
                f"({progress['recipe']}) than RECIPE now ({RECIPE}); delete "
                f"{self.path} to start it over with this one."
            )
        return progress

    def record(self, invocation, epochs_done):
        progress = self.progress()
        progress["invocations"].append(invocation)
        progress["epochs_done"] = epochs_done
        write_json(self._progress, progress)

    def finish(self, result):
        write_json(self._result, result)
        # The finished model and result.json replace the resumable state.
        self.checkpoint.unlink(missing_ok=True)

    def status(self):
        """One line: done (with its accuracy), partial, waiting or not started."""
        result = self.result()
        if result is not None:
            test = result["publictest"]
            return (f"done: PublicTest accuracy {test['accuracy']:.4f}, "
                    f"macro-F1 {test['macro_f1']:.4f}")
        missing = self.missing_members()
        if missing:
            return f"waiting for {', '.join(missing)}"
        progress = self.progress()
        if progress and progress["epochs_done"]:
            return (f"partial: {progress['epochs_done']} of "
                    f"{progress['settings']['epochs']} epochs")
        return "not started"

    def members(self):
        """The folders of an ensemble's members, beside this one."""
        return [RunFolder(self.path.parent, ROWS[name]) for name in self.row.members]

    def check_members(self, settings):
        """Refuse members trained on other data than ``settings`` choose."""
        wanted = {k: settings[k] for k in DATA_OPTIONS}
        for member in self.members():
            given = {k: member.progress()["settings"][k] for k in DATA_OPTIONS}
            if given != wanted:
                raise SystemExit(
                    f"{member.row.name} was trained with {given}, "
                    f"{self.row.name} asks for {wanted}: their validation "
                    f"splits would differ."
                )

    def missing_members(self):
        return [m.row.name for m in self.members() if m.result() is None]
