"""HOGTransformer's progress bar and its threads under other joblib backends."""

import io
from contextlib import redirect_stderr

import numpy as np
import pytest
from joblib import parallel_config

from skfer.features import HOGTransformer

KWARGS = dict(image_shape=(16, 16), pixels_per_cell=(4, 4), cells_per_block=(2, 2))


class _Terminal(io.StringIO):
    """A stream that says it is a terminal: progress bars draw there."""

    def isatty(self):
        return True


@pytest.fixture(scope="module")
def images():
    rng = np.random.default_rng(0)
    return rng.integers(0, 256, (10_000, 256), np.uint8)


@pytest.fixture(scope="module")
def expected(images):
    return HOGTransformer(**KWARGS).fit_transform(images)


def test_threads_fill_one_output_under_a_process_backend(images, expected):
    # Tasks write their rows of a shared output: a process backend chosen by
    # the caller must not get them (its workers would write copies).
    with parallel_config(backend="loky"):
        got = HOGTransformer(**KWARGS, n_jobs=2).fit_transform(images)
    np.testing.assert_array_equal(got, expected)


@pytest.mark.parametrize("n_jobs", [1, 2])
def test_progress_bar_on_a_terminal(images, expected, n_jobs):
    with redirect_stderr(_Terminal()) as err:
        got = HOGTransformer(**KWARGS, n_jobs=n_jobs, verbose=1).fit_transform(images)
    np.testing.assert_array_equal(got, expected)
    # tqdm redraws at most every 0.1 s: only the first state is certain.
    assert "HOG:   0%|" in err.getvalue() and "0/10000" in err.getvalue()


def test_no_progress_bar_when_quiet_or_redirected(images, capsys):
    HOGTransformer(**KWARGS).fit_transform(images[:100])
    HOGTransformer(**KWARGS, verbose=1).fit_transform(images[:100])
    assert capsys.readouterr().err == ""
