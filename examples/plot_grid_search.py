"""
==========================================
Tuning a pipeline with GridSearchCV
==========================================

Every skfer step is a scikit-learn estimator, so a whole pipeline, balancing
included, is tuned with :class:`~sklearn.model_selection.GridSearchCV`:
parameters are addressed as ``<step>__<parameter>``. Because the
:class:`~skfer.over_sampling.AugmentingOversampler` is a step of an
:class:`imblearn.pipeline.Pipeline`, each training fold is balanced on its
own and each validation fold stays untouched.

The grid below is small so that it runs in seconds on the 2,000-image sample
bundled with skfer; the best values on the sample need not be the best on
FER2013.
"""

# %%
# The search
# ----------
import pandas as pd
from imblearn.pipeline import make_pipeline
from sklearn.linear_model import RidgeClassifier
from sklearn.model_selection import GridSearchCV, StratifiedKFold, train_test_split
from sklearn.preprocessing import StandardScaler

from skfer.datasets import load_fer2013_sample
from skfer.features import HOGTransformer
from skfer.over_sampling import AugmentingOversampler

fer = load_fer2013_sample()
X_train, X_test, y_train, y_test = train_test_split(
    fer.data, fer.target, test_size=0.25, stratify=fer.target, random_state=0
)
model = make_pipeline(
    AugmentingOversampler(random_state=0),
    HOGTransformer(),
    StandardScaler(),
    RidgeClassifier(),
)
param_grid = {
    "hogtransformer__pixels_per_cell": [(8, 8), (12, 12)],
    "ridgeclassifier__alpha": [1000, 10000],
}
search = GridSearchCV(
    model, param_grid, scoring="f1_macro",
    cv=StratifiedKFold(3, shuffle=True, random_state=0),
)
search.fit(X_train, y_train)
print("best parameters:", search.best_params_)
print(f"best cross-validated macro-F1: {search.best_score_:.3f}")
print(f"macro-F1 of the refitted best pipeline on the test quarter: "
      f"{search.score(X_test, y_test):.3f}")

# %%
# All candidates
# --------------
results = pd.DataFrame(search.cv_results_)
columns = [c for c in results if c.startswith("param_")]
table = results[columns + ["mean_test_score", "std_test_score", "mean_fit_time"]]
print(table.sort_values("mean_test_score", ascending=False)
      .round(3).to_string(index=False))
