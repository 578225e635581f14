"""Pictures of :func:`skfer.analyze`'s results: boxes on the photo, timelines."""

import numpy as np

from ._common import new_axes, pyplot, save

_MAX_BAR_PANELS = 6


def plot_faces(image, faces, *, proba=False, ax=None, path=None):
    """Draw each face's box and expression on the photo.

    Parameters
    ----------
    image : str, path-like or ndarray
        The photo that was analysed (read like :func:`skfer.analyze` reads
        it, so that the boxes fall where the faces are).
    faces : list of dict
        Records of :func:`skfer.analyze` (``box``, ``label``, ``proba``).
    proba : bool, default=False
        Also draw each face's probabilities as bars beside the photo (the
        six largest faces), numbered like the boxes; needs ``ax=None``.
    ax : matplotlib Axes, default=None
        Where to draw the photo; None: a new figure.
    path : str or path-like, default=None
        Save the figure there too.

    Returns
    -------
    ax : matplotlib Axes
        The photo's axes.

    Examples
    --------
    >>> import numpy as np
    >>> from skfer.plotting import plot_faces
    >>> faces = [{"box": (10, 20, 30, 30), "label": "happy",
    ...           "proba": {"happy": 0.8, "sad": 0.2}}]
    >>> ax = plot_faces(np.zeros((64, 64)), faces, proba=True)
    >>> [t.get_text() for t in ax.texts]
    ['1 happy 0.80']
    """
    from ..utils import read_image

    pixels = read_image(image)
    if proba and ax is not None:
        raise ValueError("proba=True draws its own figure: leave ax=None.")
    bars = faces[:_MAX_BAR_PANELS] if proba else []
    ax, bar_axes = _layout(pixels, len(bars)) if proba else (new_axes(ax), [])
    ax.imshow(pixels, cmap="gray" if pixels.ndim == 2 else None, vmin=0, vmax=255)
    ax.set_axis_off()
    for i, face in enumerate(faces):
        _draw_box(ax, face, f"{i + 1} " if proba else "", pixels.shape)
    for i, (bar_ax, face) in enumerate(zip(bar_axes, bars)):
        _draw_bars(bar_ax, face, i + 1)
    if not faces:
        ax.set_title("no face found")
    save(ax.figure, path)
    return ax


def _layout(pixels, n_bars):
    height, width = pixels.shape[:2]
    rows = max(n_bars, 1)
    figure = pyplot().figure(
        figsize=(4.5 * width / height + 3.2, max(3.6, 1.4 * rows)), layout="constrained"
    )
    grid = figure.add_gridspec(rows, 2, width_ratios=[3 * width / height, 2])
    photo = figure.add_subplot(grid[:, 0])
    return photo, [figure.add_subplot(grid[i, 1]) for i in range(n_bars)]


def _draw_box(ax, face, prefix, shape):
    from matplotlib.patches import Rectangle

    row, col, height, width = face["box"]
    ax.add_patch(
        Rectangle(
            (col - 0.5, row - 0.5),
            width,
            height,
            fill=False,
            edgecolor="yellow",
            linewidth=2,
        )
    )
    p = max(face["proba"].values())
    # Above the box, or inside its top when the box touches the photo's top.
    above = row > 0.06 * shape[0]
    ax.text(
        col,
        row - 2 if above else row + 2,
        f"{prefix}{face['label']} {p:.2f}",
        color="black",
        fontsize=9,
        va="bottom" if above else "top",
        bbox={"facecolor": "yellow", "edgecolor": "none", "pad": 1.5},
    )


def _draw_bars(ax, face, number):
    names, values = zip(*face["proba"].items())
    colors = ["tab:orange" if n == face["label"] else "tab:blue" for n in names]
    ax.barh(names, values, color=colors)
    ax.set_xlim(0, 1)
    ax.invert_yaxis()
    ax.tick_params(labelsize=8)
    ax.set_title(f"face {number}", fontsize=9, loc="left")


def plot_emotion_timeline(frames, *, ax=None, path=None):
    """The expression probabilities of a video's largest face over time.

    Parameters
    ----------
    frames : list of dict
        Records of :func:`skfer.analyze_video` (``time``, ``frame``,
        ``faces``). Frames without a face leave gaps.
    ax : matplotlib Axes, default=None
        Where to draw; None: a new figure.
    path : str or path-like, default=None
        Save the figure there too.

    Returns
    -------
    ax : matplotlib Axes

    Examples
    --------
    >>> from skfer.plotting import plot_emotion_timeline
    >>> face = {"box": (0, 0, 9, 9), "label": "sad",
    ...         "proba": {"happy": 0.3, "sad": 0.7}}
    >>> frames = [{"frame": 0, "time": 0.0, "faces": [face]},
    ...           {"frame": 10, "time": 0.4, "faces": []}]
    >>> ax = plot_emotion_timeline(frames)
    >>> [line.get_label() for line in ax.get_lines()]
    ['happy', 'sad']
    """
    if not frames:
        raise ValueError("frames is empty: the video gave no frame to plot.")
    names = next((list(f["faces"][0]["proba"]) for f in frames if f["faces"]), [])
    timed = all(f.get("time") is not None for f in frames)
    x = np.array([f["time"] if timed else f["frame"] for f in frames], dtype=float)
    ax = new_axes(ax, figsize=(8, 3.6))
    for name in names:
        y = [f["faces"][0]["proba"][name] if f["faces"] else np.nan for f in frames]
        ax.plot(x, y, marker=".", label=name)
    ax.set_xlabel("time (s)" if timed else "frame")
    ax.set_ylabel("probability")
    ax.set_ylim(0, 1)
    ax.set_title(
        "Expression of the largest face" + ("" if names else ": no face found")
    )
    if names:
        ax.legend(loc="upper left", bbox_to_anchor=(1, 1), fontsize=8)
    ax.grid(alpha=0.3)
    save(ax.figure, path)
    return ax
