"""``python -m skfer``: the quick demo on the bundled FER2013 sample.

Fits HOG features + a linear classifier, with balancing by augmentation
inside the pipeline, on 75% of the bundled sample and prints the
classification report of the held-out 25%.
"""

import argparse
import sys


def main(argv=None):
    """Run the demo; return the process exit code."""
    parser = argparse.ArgumentParser(prog="skfer", description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    args = parser.parse_args(argv)

    from imblearn.pipeline import make_pipeline
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import classification_report
    from sklearn.model_selection import train_test_split
    from sklearn.preprocessing import StandardScaler

    from skfer.datasets import load_fer2013_sample
    from skfer.features import HOGTransformer
    from skfer.over_sampling import AugmentingOversampler

    fer = load_fer2013_sample()
    X_train, X_test, y_train, y_test = train_test_split(
        fer.data, fer.target, test_size=0.25, stratify=fer.target,
        random_state=args.seed,
    )
    model = make_pipeline(
        AugmentingOversampler(random_state=args.seed),
        HOGTransformer(),
        StandardScaler(),
        LogisticRegression(C=0.01, max_iter=2000),
    )
    model.fit(X_train, y_train)
    y_pred = model.predict(X_test)
    print(f"{fer.DESCR}\nModel: {model}\n")
    print(classification_report(y_test, y_pred, target_names=list(fer.target_names),
                                zero_division=0))
    print(f"total wrong predictions: {int((y_pred != y_test).sum())} of {len(y_test)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
