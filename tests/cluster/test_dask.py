"""skfer on a Dask cluster through joblib, each result checked against the
local backend's.

docs/user_guide/cluster.rst shows the code between each pair of
``# [name]`` markers: what the guide shows is what runs here.
"""

import numpy as np
import pytest

from skfer.datasets import load_fer2013_sample

distributed = pytest.importorskip("dask.distributed")


@pytest.fixture(scope="module")
def client():
    # A worker in this process (a process cluster would pay the imports again
    # in each worker) with two threads: joblib sizes its work by the
    # cluster's threads, and with one it would run everything here, in the
    # calling thread, without the cluster.
    with (
        distributed.LocalCluster(
            processes=False, n_workers=1, threads_per_worker=2, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        yield client


@pytest.fixture(scope="module")
def faces():
    """200 faces: happy, sad and neutral, enough of each for 3 folds."""
    fer = load_fer2013_sample()
    three = np.isin(fer.target, [3, 4, 6])
    return fer.data[three][:200], fer.target[three][:200]


def _executed(client):
    """How many tasks the cluster's workers have run."""
    counts = client.run(lambda dask_worker: dask_worker.state.executed_count)
    return sum(counts.values())


def test_grid_search_over_a_hog_pipeline(client, faces):
    X, y = faces
    before = _executed(client)
    # [dask-grid-search]
    from imblearn.pipeline import make_pipeline
    from joblib import parallel_config
    from sklearn.linear_model import RidgeClassifier
    from sklearn.model_selection import GridSearchCV

    from skfer.features import HOGTransformer
    from skfer.over_sampling import AugmentingOversampler

    model = make_pipeline(
        AugmentingOversampler(random_state=0),
        HOGTransformer(pixels_per_cell=(16, 16), cells_per_block=(1, 1)),
        RidgeClassifier(),
    )
    grid = {
        "hogtransformer__orientations": [6, 9],
        "ridgeclassifier__alpha": [1.0, 100.0],
    }
    with parallel_config(backend="dask"):
        search = GridSearchCV(model, grid, cv=3, n_jobs=-1).fit(X, y)
    # [dask-grid-search]
    # joblib may batch several fits into one Dask task.
    assert _executed(client) > before
    local = GridSearchCV(model, grid, cv=3).fit(X, y)
    for key in ("mean_test_score", "std_test_score", "rank_test_score"):
        np.testing.assert_array_equal(search.cv_results_[key], local.cv_results_[key])
    np.testing.assert_array_equal(search.predict(X), local.predict(X))


def test_cross_val_score_of_a_keras_classifier(client, faces):
    pytest.importorskip("tensorflow")
    images, y = faces
    # 60 images of 24x24 (every other pixel), a 2-filter network: seconds.
    X = images[:60].reshape(60, 48, 48)[:, ::2, ::2].reshape(60, -1)
    y = y[:60]
    before = _executed(client)
    # [dask-keras]
    from joblib import parallel_config
    from sklearn.model_selection import cross_val_score

    from skfer.keras import CNN1Classifier

    clf = CNN1Classifier(
        width=2, epochs=1, batch_size=16, image_shape=(24, 24), random_state=0
    )
    with parallel_config(backend="dask"):
        scores = cross_val_score(clf, X, y, cv=2, n_jobs=-1)
    # [dask-keras]
    assert _executed(client) > before
    local = cross_val_score(clf, X, y, cv=2)
    np.testing.assert_allclose(scores, local)


def test_hog_of_a_dask_array_block_by_block(client, faces, tmp_path):
    X = faces[0]
    images_file, features_dir = tmp_path / "faces.npy", tmp_path / "hog"
    np.save(images_file, X)
    before = _executed(client)
    # [dask-hog]
    import dask.array as da

    from skfer.features import HOGTransformer

    # Memory-mapped: only the blocks being transformed are read.
    pixels = np.load(images_file, mmap_mode="r")
    # Blocks of whole images (rows); every pixel of an image in one block.
    images = da.from_array(pixels, chunks=(64, -1))
    hog = HOGTransformer().fit(images[:1])  # HOG learns nothing: one image
    n_features = len(hog.get_feature_names_out())
    features = images.map_blocks(
        hog.transform, dtype=np.float64, chunks=(images.chunks[0], (n_features,))
    )
    # Each worker writes its blocks: nothing is gathered in memory.
    da.to_npy_stack(features_dir, features)
    # [dask-hog]
    assert _executed(client) > before
    stored = da.from_npy_stack(features_dir)
    assert stored.numblocks == (4, 1)
    np.testing.assert_array_equal(stored.compute(), HOGTransformer().fit_transform(X))
