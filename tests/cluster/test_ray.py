"""skfer on Ray through joblib, when Ray is installed (it is no test
dependency: see docs/user_guide/cluster.rst), checked against the local
backend. The guide shows the code between the ``# [name]`` markers."""

import os

import numpy as np
import pytest
from joblib import Parallel, delayed

from skfer.datasets import load_fer2013_sample

ray = pytest.importorskip("ray")


@pytest.fixture(scope="module")
def ray_cluster():
    # A local Ray instance with two worker processes (two cores here).
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    yield
    ray.shutdown()


def test_grid_search_over_a_hog_pipeline(ray_cluster):
    fer = load_fer2013_sample()
    three = np.isin(fer.target, [3, 4, 6])
    X, y = fer.data[three][:200], fer.target[three][:200]
    # [ray-grid-search]
    from imblearn.pipeline import make_pipeline
    from joblib import parallel_config
    from ray.util.joblib import register_ray
    from sklearn.linear_model import RidgeClassifier
    from sklearn.model_selection import GridSearchCV

    from skfer.features import HOGTransformer
    from skfer.over_sampling import AugmentingOversampler

    register_ray()
    model = make_pipeline(
        AugmentingOversampler(random_state=0),
        HOGTransformer(pixels_per_cell=(16, 16), cells_per_block=(1, 1)),
        RidgeClassifier(),
    )
    grid = {"hogtransformer__orientations": [6, 9]}
    with parallel_config(backend="ray"):
        search = GridSearchCV(model, grid, cv=2, n_jobs=-1).fit(X, y)
    # [ray-grid-search]
    with parallel_config(backend="ray"):
        pids = Parallel(n_jobs=-1)(delayed(os.getpid)() for _ in range(4))
    assert os.getpid() not in pids  # the work ran in Ray's workers
    local = GridSearchCV(model, grid, cv=2).fit(X, y)
    for key in ("mean_test_score", "std_test_score", "rank_test_score"):
        np.testing.assert_array_equal(search.cv_results_[key], local.cv_results_[key])
