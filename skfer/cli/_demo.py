"""``skfer demo``: train and test a HOG pipeline on the bundled sample."""


def demo(seed=0):
    """Fit balancing + HOG + logistic regression on 75% of the bundled sample,
    print the report on the other 25%, and return it."""
    from imblearn.pipeline import make_pipeline
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import train_test_split
    from sklearn.preprocessing import StandardScaler

    from ..datasets import load_fer2013_sample
    from ..features import HOGTransformer
    from ..metrics import evaluation_report
    from ..over_sampling import AugmentingOversampler

    fer = load_fer2013_sample()
    X_train, X_test, y_train, y_test = train_test_split(
        fer.data, fer.target, test_size=0.25, stratify=fer.target, random_state=seed
    )
    model = make_pipeline(
        AugmentingOversampler(random_state=seed),
        HOGTransformer(),
        StandardScaler(),
        LogisticRegression(C=0.01, max_iter=2000),
    )
    print(
        f"{fer.DESCR}\nTraining on {len(y_train)} images, testing on "
        f"{len(y_test)}.\nModel: {model}\n",
        flush=True,
    )
    model.fit(X_train, y_train)
    return evaluation_report(y_test, model.predict(X_test))
