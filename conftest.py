"""Fixtures shared by the photo, video and command-line tests.

At the repository root rather than in tests/: pytest collects every module
under its test paths for doctests, and a tests/conftest.py beside the
subfolders' own conftest.py files then clashes with them by module name.
"""

import numpy as np
import pytest
from skimage import data


@pytest.fixture(scope="session")
def hog_model():
    """A small fitted HOG pipeline: any skfer model works with analyze."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline

    from skfer.datasets import load_fer2013_sample
    from skfer.features import HOGTransformer

    fer = load_fer2013_sample()
    model = make_pipeline(HOGTransformer(), LogisticRegression(max_iter=300))
    return model.fit(fer.data[:600], fer.target[:600])


@pytest.fixture(scope="session")
def clip(tmp_path_factory):
    """A 12-frame, 5 fps video of the astronaut's face sliding sideways."""
    import imageio_ffmpeg

    path = tmp_path_factory.mktemp("video") / "clip.mp4"
    face = data.astronaut()[:256, 64:320]
    writer = imageio_ffmpeg.write_frames(
        str(path), (256, 256), fps=5, macro_block_size=1, ffmpeg_log_level="error"
    )
    writer.send(None)
    for i in range(12):
        writer.send(np.ascontiguousarray(np.roll(face, 3 * i, axis=1)))
    writer.close()
    return path
