"""Videos to named emotions: every n-th frame through :func:`skfer.analyze`."""

import numbers
from pathlib import Path

import numpy as np

from ._analyze import analyze_many, check_model

#: File suffixes ``skfer predict`` reads as videos.
VIDEO_SUFFIXES = (".mp4", ".m4v", ".mov", ".avi", ".mkv", ".webm", ".mpg", ".mpeg")


def analyze_video(
    path, *, model=None, detector="mtcnn", align=True, every=10, batch_size=16
):
    """The expression of every face in every ``every``-th frame of a video.

    Frames are decoded by the ffmpeg that ships inside the imageio-ffmpeg
    wheel, which also drops the frames in between before they are converted
    to pixels, and they are analysed ``batch_size`` at a time (one detector
    and one model call per batch) while the next batch is decoded.

    Parameters
    ----------
    path : str or path-like
        A video file in any format ffmpeg reads.
    model, detector, align
        See :func:`skfer.analyze`.
    every : int, default=10
        Analyse frames 0, ``every``, 2 * ``every``...
    batch_size : int, default=16
        Frames analysed together.

    Returns
    -------
    frames : list of dict
        One record per analysed frame: ``frame`` (its index), ``time`` (its
        time in seconds, index / frame rate, None where the file gives no rate)
        and ``faces`` (the records
        :func:`skfer.analyze` gives, largest face first).

    Raises
    ------
    ValueError
        If the file cannot be read as a video (the message names it).

    See Also
    --------
    skfer.plotting.plot_emotion_timeline : a chart of the frames' emotions.

    Examples
    --------
    >>> import skfer
    >>> frames = skfer.analyze_video("clip.mp4", every=5)  # doctest: +SKIP
    >>> frames[0]["time"], frames[0]["faces"][0]["label"]  # doctest: +SKIP
    (0.0, 'happy')
    """
    for name, value in (("every", every), ("batch_size", batch_size)):
        if not isinstance(value, numbers.Integral) or value < 1:
            raise ValueError(f"{name} must be a positive integer, got {value!r}.")
    model = check_model(model)
    fps, batches = _read_frames(path, every, batch_size)
    frames = []
    for batch in _read_ahead(batches):
        results = analyze_many(batch, model=model, detector=detector, align=align)
        for faces in results:
            index = len(frames) * every
            time = index / fps if fps > 0 else None
            frames.append({"frame": index, "time": time, "faces": faces})
    return frames


def _read_frames(path, every, batch_size):
    """The frame rate, and a generator of lists of RGB frames."""
    import imageio_ffmpeg

    path = Path(path)
    if not path.is_file():
        raise FileNotFoundError(2, "No such file or directory", str(path))
    # ffmpeg's select filter drops the frames in between before they are
    # converted to RGB and piped; passthrough keeps it from duplicating
    # frames to hold the original rate.
    reader = imageio_ffmpeg.read_frames(
        str(path),
        output_params=[
            "-vf",
            rf"select=not(mod(n\,{every}))",
            "-fps_mode",
            "passthrough",
        ],
    )
    try:
        meta = next(reader)
    except (OSError, RuntimeError, StopIteration) as exc:
        first = str(exc).strip().splitlines()
        reason = first[-1] if first else type(exc).__name__
        raise ValueError(f"Cannot read video {path}: {reason}") from exc
    width, height = meta["size"]
    fps = float(meta.get("fps") or 0)
    return fps, _batches(reader, (height, width, 3), batch_size, path)


def _read_ahead(batches):
    """``batches``, the next one decoded in a thread while this one is analysed.

    ffmpeg decodes only as fast as its pipe is read (the pipe holds less than
    a frame), so without this decoding and analysing take turns.
    """
    from concurrent.futures import ThreadPoolExecutor

    try:
        with ThreadPoolExecutor(max_workers=1) as thread:
            coming = thread.submit(next, batches, None)
            while (batch := coming.result()) is not None:
                coming = thread.submit(next, batches, None)
                yield batch
    finally:
        # Stops ffmpeg when the caller stops early or analysing fails.
        batches.close()


def _batches(reader, shape, batch_size, path):
    batch = []
    try:
        for raw in reader:
            batch.append(np.frombuffer(raw, dtype=np.uint8).reshape(shape))
            if len(batch) == batch_size:
                yield batch
                batch = []
    except (OSError, RuntimeError) as exc:
        # A file cut short decodes up to the damage, then ffmpeg fails.
        lines = str(exc).strip().splitlines()
        raise ValueError(
            f"Cannot read video {path}: {lines[-1] if lines else exc}"
        ) from exc
    finally:
        reader.close()
    if batch:
        yield batch
