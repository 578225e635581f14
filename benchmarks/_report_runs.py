"""Training, scoring and voting for the rows of ``reproduce_report.py``.

Every row of one task (7 or 3 labels) holds out the same stratified 10% of
FER2013 Training, drawn before any balancing, as its validation split: no
network trains on it (the recipe's schedule needs no validation), the
test-time views are chosen on it, and the ensembles learn their weights on
it. PublicTest is scored once, at the end of a row. The leak row instead
balances all of Training first and splits its validation set from the
balanced images, as the report did.
"""

import time
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np
from imblearn.pipeline import make_pipeline
from sklearn.model_selection import train_test_split

from _common import command, load_split, machine
from _report_rows import RECIPE
from _report_state import command as row_command
from skfer.metrics import evaluation_report
from skfer.over_sampling import AugmentingOversampler

VALIDATION = 0.1


def today():
    return time.strftime("%Y-%m-%d %H:%M %Z")


@dataclass(frozen=True)
class Task:
    """FER2013 for one label set: Training, its split, PublicTest."""

    X: np.ndarray
    y: np.ndarray
    X_fit: np.ndarray
    y_fit: np.ndarray
    X_val: np.ndarray
    y_val: np.ndarray
    X_test: np.ndarray
    y_test: np.ndarray


def split(y, seed):
    """Rows of the fit and validation parts: stratified, as the Keras
    classifiers and ``ensemble_fer2013.py`` draw them for the same seed."""
    return train_test_split(
        np.arange(len(y)), test_size=VALIDATION, stratify=y, random_state=seed
    )


def _subset(X, y, limit, seed):
    """A stratified ``limit`` images, for trying the script on little data."""
    if limit is None or limit >= len(y):
        return X, y
    keep, _ = train_test_split(
        np.arange(len(y)), train_size=limit, stratify=y, random_state=seed
    )
    keep = np.sort(keep)
    return X[keep], y[keep]


@cache
def load_task(data, labels, limit, seed):
    """The task's arrays, loaded once per run (ensembles reuse them)."""
    X, y, _ = load_split(Path(data) / "fer2013_train.npz", labels)
    X_test, y_test, _ = load_split(Path(data) / "fer2013_publictest.npz", labels)
    X, y = _subset(X, y, limit, seed)
    X_test, y_test = _subset(X_test, y_test, limit, seed)
    fit, val = split(y, seed)
    return Task(X, y, X[fit], y[fit], X[val], y[val], X_test, y_test)


def training_data(row, task, seed):
    """``(X_fit, y_fit, X_val, y_val)`` of a row, by its protocol."""
    if row.protocol != "leak":
        return task.X_fit, task.y_fit, task.X_val, task.y_val
    X, y, _, fit, val = leak_split(row, task, seed)
    return X[fit], y[fit], X[val], y[val]


def leak_split(row, task, seed):
    """The report's protocol: all of Training balanced, then split.

    Returns the balanced ``X`` and ``y``, the index in Training of the
    original image behind each of their rows, and the rows of the fit and
    validation parts.
    """
    sampler = AugmentingOversampler(
        sampling_strategy=row.sampling_strategy, random_state=seed
    )
    X, y = sampler.fit_resample(task.X, task.y)
    fit, val = split(y, seed)
    return X, y, sampler.sample_indices_, fit, val


def score(model, X, y, verbose=False):
    """Accuracy, macro-F1, wrong count and the per-class report."""
    report = evaluation_report(y, model.predict(X), verbose=verbose)
    return dict(
        n=report.n_samples,
        accuracy=report.accuracy,
        macro_f1=report.report["macro avg"]["f1-score"],
        wrong=report.n_wrong,
        per_class=report.report,
        confusion_matrix=report.confusion_matrix,
        labels=report.labels,
    )


def _fresh(row, settings):
    from skfer.models import build_model

    params = {**RECIPE, "epochs": settings["epochs"]}
    return build_model(row.model, random_state=settings["seed"],
                       width=settings["width"], **params)


def _layers(clf):
    return [type(layer).__name__ for layer in clf.model_.layers]


def check_same_network(resumed, fresh, X, y, path):
    """Stop if ``resumed`` (a checkpoint) is not the network that the code
    builds now: the row would otherwise finish an older architecture under
    the current one's name. ``X, y`` only need one image of each class."""
    _, first = np.unique(y, return_index=True)
    fresh.initialize(X[first], y[first])
    was, now = resumed.model_.count_params(), fresh.model_.count_params()
    was_layers, now_layers = _layers(resumed), _layers(fresh)
    if was != now or was_layers != now_layers:
        raise SystemExit(
            f"{path} holds a network of {was:,} parameters and "
            f"{len(was_layers)} layers, but the code now builds "
            f"{now:,} parameters and {len(now_layers)} layers: the "
            f"architecture changed since the row started. Delete "
            f"{path.parent} to train the row again from the start."
        )


def _network(row, folder, settings, budget, X, y):
    """The row's classifier: resumed from its checkpoint, or new."""
    from _keras_common import TimeBudget
    from skfer.models import load_model

    clf = _fresh(row, settings)
    if folder.checkpoint.exists():
        resumed = load_model(folder.checkpoint).set_params(warm_start=True)
        check_same_network(resumed, clf, X, y, folder.checkpoint)
        clf = resumed
        print(f"resuming {folder.checkpoint} after "
              f"{len(clf.history_['loss'])} epochs", flush=True)
    clf.set_params(
        checkpoint=str(folder.checkpoint),
        verbose=2,
        callbacks=[TimeBudget(budget)],
    )
    return clf


def train(row, folder, task, settings, budget=None):
    """Train ``row`` until its schedule ends or ``budget`` seconds pass;
    score and save it once it has trained every epoch. True when done."""
    from _keras_common import backend

    print(f"# {backend()}", flush=True)
    X_fit, y_fit, X_val, y_val = training_data(row, task, settings["seed"])
    clf = _network(row, folder, settings, budget, X_fit, y_fit)
    resumed = clf.warm_start
    model = clf
    if row.balance is not None and row.protocol == "honest":
        # Balancing in fit only, from the seed: a resumed run sees the same
        # images as the uninterrupted one.
        sampler = AugmentingOversampler(
            sampling_strategy=row.sampling_strategy, random_state=settings["seed"]
        )
        model = make_pipeline(sampler, clf)
    print(f"{row.name}: {row.describe()}; {len(y_fit)} training images "
          f"(before the pipeline), {len(y_val)} validation", flush=True)
    before = len(clf.history_["loss"]) if resumed else 0
    start = time.perf_counter()
    model.fit(X_fit, y_fit)
    seconds = time.perf_counter() - start
    done = len(clf.history_["loss"])
    folder.record(dict(command=command(), machine=machine(), date=today(),
                       epochs=[before, done], seconds=round(seconds, 1)), done)
    print(f"{row.name}: epochs {before} to {done} of {settings['epochs']} "
          f"in {seconds:.0f} s", flush=True)
    if done < settings["epochs"]:
        return False
    clf.set_params(verbose=0)
    if resumed:
        # scikeras leaves classes_ unset after a warm-started fit.
        clf.set_params(warm_start=False)
        clf.classes_ = clf.target_encoder_.classes_
    # The images the network trained on, after any balancing.
    images = len(y_fit) if model is clf else len(model[0].sample_indices_)
    _finish(row, folder, clf, (X_val, y_val), task, settings, images)
    return True


def _finish(row, folder, clf, validation, task, settings, images):
    from ship_model import choose_views
    from skfer.models import save_model

    views = choose_views(clf, *validation)
    print(f"\n{row.name} on PublicTest ({len(task.y_test)} images), "
          f"views={views!r}:")
    test = score(clf, task.X_test, task.y_test, verbose=True)
    print(f"accuracy {test['accuracy']:.4f}, macro-F1 {test['macro_f1']:.4f}")
    invocations = folder.progress()["invocations"]
    result = dict(
        row=row.name,
        date=today(),
        describe=row.describe(),
        report=row.report,
        command=row_command(row, settings),
        settings=settings,
        epochs=len(clf.history_["loss"]),
        seconds=round(sum(i["seconds"] for i in invocations), 1),
        final_training_loss=clf.history_["loss"][-1],
        parameters=clf.model_.count_params(),
        training_images=images,
        test_time_augmentation=views,
        validation=score(clf, *validation),
        publictest=test,
    )
    save_model(clf, folder.model, ship=True, overwrite=True)
    folder.finish(result)
    print(f"saved {folder.model} and its result", flush=True)


def vote(row, folder, task, settings):
    """Score an ensemble row over its members' finished models."""
    from skfer.ensemble import PrefitVotingClassifier

    members = folder.members()
    named = [(m.row.name, _member(m.model)) for m in members]
    ensemble = PrefitVotingClassifier(
        named,
        voting="hard" if row.voting == "hard" else "soft",
        weights="auto" if row.voting == "weighted" else None,
    ).fit(task.X_val, task.y_val)
    print(f"\n{row.name} on PublicTest ({len(task.y_test)} images), weights "
          f"{np.round(ensemble.weights_, 3).tolist()}:")
    test = score(ensemble, task.X_test, task.y_test, verbose=True)
    best = max(members, key=lambda m: m.result()["publictest"]["accuracy"])
    best_accuracy = best.result()["publictest"]["accuracy"]
    gain = test["accuracy"] - best_accuracy
    print(f"accuracy {test['accuracy']:.4f}, macro-F1 {test['macro_f1']:.4f}; "
          f"{100 * gain:+.2f} points against the best member, {best.row.name} "
          f"({best_accuracy:.4f})", flush=True)
    folder.finish(dict(
        row=row.name, date=today(), describe=row.describe(), report=row.report,
        command=row_command(row, settings), settings=settings,
        weights=dict(zip(row.members, ensemble.weights_)),
        best_member=best.row.name, gain_over_best_member=gain,
        validation=score(ensemble, task.X_val, task.y_val), publictest=test,
    ))


_MEMBERS = {}


def _member(path):
    """A finished member, loaded once per run; each of its predictions on
    the same array is computed once for all the ensembles of the run."""
    from ensemble_fer2013 import Memo
    from skfer.models import load_model

    if path not in _MEMBERS:
        _MEMBERS[path] = Memo(load_model(path))
    return _MEMBERS[path]
