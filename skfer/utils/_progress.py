"""Progress bars for long work outside Keras: tqdm's, on a terminal only."""

import threading
from contextlib import contextmanager


def progress_bar(iterable=None, *, verbose, total=None, desc=None, unit="it", **kwargs):
    """A :class:`tqdm.tqdm` bar over ``iterable``, or one updated by hand.

    Shown only when ``verbose`` is true and standard error is a terminal
    (tqdm's ``disable=None``), so that logs and redirected output get no
    carriage returns or escape codes. It clears itself when closed: callers
    print their own summary.
    """
    # Imported here: only long work pays for it.
    from tqdm import tqdm

    return tqdm(
        iterable,
        total=total,
        desc=desc,
        unit=unit,
        disable=None if verbose else True,
        leave=False,
        dynamic_ncols=True,
        **kwargs,
    )


@contextmanager
def elapsed_bar(desc, *, verbose, interval=1.0):
    """A bar showing the time spent on a task with no steps to count.

    tqdm redraws a bar only when it advances; a thread redraws this one
    every ``interval`` seconds, until the ``with`` block ends.
    """
    bar = progress_bar(verbose=verbose, desc=desc, bar_format="{desc}: {elapsed}")
    if bar.disable:
        yield bar
        return
    stop = threading.Event()

    def redraw():
        while not stop.wait(interval):
            bar.refresh()

    thread = threading.Thread(target=redraw, daemon=True)
    thread.start()
    try:
        yield bar
    finally:
        stop.set()
        thread.join()
        bar.close()
