"""Hard, soft and weighted-soft voting over FER2013 models, on PublicTest.

Members: cheap non-Keras pipelines trained here on Training minus a held-out
part, plus any fitted models saved by ``benchmarks/train_fer2013.py``
(joblib files). The ensembles never refit their members
(:class:`skfer.ensemble.PrefitVotingClassifier`); ``weights="auto"`` learns
on the held-out part of Training, never on PublicTest.

The held-out part is the stratified 10% that ``train_fer2013.py`` (without
``--balance``) and ``train_pretrained.py`` hold out for early stopping with the
same ``--seed``: ``train_test_split`` draws the same rows from the same labels,
fraction and seed. Those Keras models never trained on it (it only chose their
stopping epoch), so the weights are learned on data no member fitted. Models
trained with ``--balance`` or another seed did see it: their held-out scores
are then optimistic.

    python benchmarks/ensemble_fer2013.py [--data PATH] [--holdout 0.1]
        [--seed 0] [--cheap hog_logreg,hog_svm,...] [--models a.joblib ...]
        [--report] [--plots DIR] [--max-train N] [--blas-threads 1]

Without ``--models`` it takes every ``benchmarks/results/*.joblib``.
"""

import argparse
import time
from pathlib import Path

import joblib
import numpy as np
from sklearn.calibration import CalibratedClassifierCV
from sklearn.decomposition import PCA
from sklearn.linear_model import LogisticRegression, RidgeClassifier
from sklearn.metrics import accuracy_score, f1_score, log_loss
from sklearn.model_selection import train_test_split
from sklearn.neural_network import MLPClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.svm import LinearSVC
from threadpoolctl import threadpool_limits

from _common import DEFAULT_DATA, command, machine
from skfer.datasets import load_fer2013
from skfer.ensemble import PrefitVotingClassifier
from skfer.features import HOGTransformer
from skfer.metrics import evaluation_report

RESULTS = Path(__file__).resolve().parent / "results"
DEFAULT_CHEAP = "hog_logreg,hog_ridge,hog_mlp,pixel_pca_logreg"


class Memo:
    """A fitted member whose outputs on the same array are computed once.

    The four ensembles ask every member for the same held-out and PublicTest
    probabilities; HOG and Keras members would recompute them each time.
    ``predict`` is the argmax of ``predict_proba``, as it is for every member
    used here.
    """

    def __init__(self, model):
        self.model, self._cache = model, []

    def __getattr__(self, name):
        return getattr(self.model, name)

    def fit(self, X, y):
        return self

    def __sklearn_is_fitted__(self):
        return True

    def predict_proba(self, X):
        for seen, proba in self._cache:
            if seen is X:
                return proba
        self._cache.append((X, self.model.predict_proba(X)))
        return self._cache[-1][1]

    def predict(self, X):
        return self.classes_[np.argmax(self.predict_proba(X), axis=1)]


def cheap_members(seed):
    """Non-Keras members, each a pipeline from raw pixels, minutes to train."""
    return {
        "hog_logreg": lambda: make_pipeline(
            HOGTransformer(), StandardScaler(), LogisticRegression(C=0.01, max_iter=500)
        ),
        "hog_ridge": lambda: make_pipeline(
            HOGTransformer(), StandardScaler(),
            CalibratedClassifierCV(RidgeClassifier(alpha=1e3), cv=3),
        ),
        "hog_mlp": lambda: make_pipeline(
            HOGTransformer(pixels_per_cell=(6, 6), cells_per_block=(2, 2)),
            StandardScaler(), PCA(200, random_state=seed),
            MLPClassifier((256,), alpha=1.0, early_stopping=True, max_iter=60,
                          random_state=seed),
        ),
        "pixel_pca_logreg": lambda: make_pipeline(
            StandardScaler(), PCA(150, whiten=True, random_state=seed),
            LogisticRegression(C=0.1, max_iter=500),
        ),
        # Not in the default set: over 8 minutes on the shared 2-core machine.
        "hog_svm": lambda: make_pipeline(
            HOGTransformer(), StandardScaler(),
            CalibratedClassifierCV(LinearSVC(C=1e-3), cv=3),
        ),
    }


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=DEFAULT_DATA, type=Path)
    parser.add_argument("--holdout", type=float, default=0.1)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--cheap", default=DEFAULT_CHEAP)
    parser.add_argument("--models", nargs="*", default=None, type=Path)
    parser.add_argument("--max-train", type=int, default=None,
                        help="use only this many Training images (smoke runs)")
    parser.add_argument("--report", action="store_true",
                        help="print the full report of the best ensemble")
    parser.add_argument("--plots", type=Path, default=None,
                        help="folder for the confusion matrix PNG")
    parser.add_argument("--blas-threads", type=int, default=1,
                        help="BLAS/OpenMP threads (more only on an idle machine)")
    return parser.parse_args()


def fit_cheap(names, seed, X, y):
    recipes = cheap_members(seed)
    members, seconds = {}, {}
    for name in filter(None, names.split(",")):
        start = time.perf_counter()
        members[name] = Memo(recipes[name]().fit(X, y))
        seconds[name] = time.perf_counter() - start
        print(f"  fitted {name} in {seconds[name]:.0f} s", flush=True)
    return members, seconds


def load_saved(paths, classes):
    members = {}
    for path in paths:
        model = joblib.load(path)
        if not np.array_equal(getattr(model, "classes_", None), classes):
            print(f"  skipped {path}: classes {getattr(model, 'classes_', None)}")
            continue
        members[path.stem] = Memo(model)
        print(f"  loaded {path}", flush=True)
    return members


def ensembles(members, seed):
    named = list(members.items())
    return {
        "hard vote": PrefitVotingClassifier(named, voting="hard"),
        "soft vote": PrefitVotingClassifier(named),
        "weighted soft (log-loss)": PrefitVotingClassifier(named, weights="auto"),
        "weighted soft (accuracy)": PrefitVotingClassifier(
            named, weights="auto", objective="accuracy", random_state=seed
        ),
    }


def score(model, X, y):
    pred = model.predict(X)
    row = dict(
        accuracy=accuracy_score(y, pred),
        macro_f1=f1_score(y, pred, average="macro"),
        wrong=int(np.sum(pred != y)),
        log_loss=np.nan,
    )
    if hasattr(model, "predict_proba"):
        row["log_loss"] = log_loss(y, model.predict_proba(X), labels=model.classes_)
    return row, pred


def print_table(rows):
    print(f"\n{'model':<26}{'accuracy':>9}{'macro-F1':>9}{'log-loss':>9}"
          f"{'wrong':>7}{'fit s':>7}  weights")
    for name, row in rows.items():
        print(f"{name:<26}{row['accuracy']:>9.4f}{row['macro_f1']:>9.4f}"
              f"{row['log_loss']:>9.4f}{row['wrong']:>7}{row.get('fit', ''):>7}"
              f"  {row.get('weights', '')}")


def main():
    args = parse_args()
    # On a shared machine, spinning BLAS threads made LogisticRegression
    # ten times slower than one thread.
    with threadpool_limits(args.blas_threads):
        run(args)


def run(args):
    start = time.perf_counter()
    print(f"# {command()}\n# {machine()}")
    train = load_fer2013(args.data / "fer2013_train.npz")
    test = load_fer2013(args.data / "fer2013_publictest.npz")
    X, y = train.data[: args.max_train], train.target[: args.max_train]
    X_fit, X_hold, y_fit, y_hold = train_test_split(
        X, y, test_size=args.holdout,
        stratify=y, random_state=args.seed,
    )
    print(f"Training: {len(y_fit)} fit + {len(y_hold)} held out; "
          f"PublicTest: {len(test.target)}", flush=True)
    members, seconds = fit_cheap(args.cheap, args.seed, X_fit, y_fit)
    paths = args.models if args.models is not None else sorted(
        RESULTS.glob("*.joblib"))
    members.update(load_saved(paths, np.arange(7)))
    rows, preds = {}, {}
    for name, model in members.items():
        rows[name], preds[name] = score(model, test.data, test.target)
        rows[name]["fit"] = f"{seconds[name]:.0f}" if name in seconds else "saved"
    for name, vote in ensembles(members, args.seed).items():
        vote.fit(X_hold, y_hold)
        rows[name], preds[name] = score(vote, test.data, test.target)
        rows[name]["weights"] = " ".join(f"{w:.2f}" for w in vote.weights_)
    print_table(rows)
    print(f"\ntotal {time.perf_counter() - start:.0f} s")
    summarise(rows, list(members), preds, test.target, args)


def summarise(rows, member_names, preds, y_test, args):
    best_member = max(member_names, key=lambda n: rows[n]["accuracy"])
    best = max(set(rows) - set(member_names), key=lambda n: rows[n]["accuracy"])
    gain = 100 * (rows[best]["accuracy"] - rows[best_member]["accuracy"])
    print(f"\nmembers: {', '.join(member_names)}")
    print(f"best member: {best_member}; best ensemble: {best}, "
          f"{gain:+.2f} points of accuracy over it")
    if args.report:
        print(f"\n{best} on PublicTest:")
        evaluation_report(y_test, preds[best])
    if args.plots is not None:
        from skfer.plotting import plot_confusion_matrix

        args.plots.mkdir(parents=True, exist_ok=True)
        path = args.plots / "ensemble_confusion_matrix.png"
        plot_confusion_matrix(y_test, preds[best], normalize="true", path=path)
        print(f"confusion matrix: {path}")


if __name__ == "__main__":
    main()
