"""Epoch times of the report rows, read from their committed training logs.

Keras prints one line per epoch (``240/240 - 44s - 184ms/step - ...``).
A row's logs are ``logs/report_<row>_epochs<A>-<B>.log``, one per
invocation; logs of discarded attempts carry another name and are left out.
How long an epoch took depends on what ran beside it, which the logs do not
say, so each log's figures are printed apart, then the row's in all.
"""

import re
import statistics
from pathlib import Path

LOGS = Path(__file__).resolve().parent / "logs"
EPOCH_LINE = re.compile(r"^\d+/\d+ - (\d+)s - ", re.MULTILINE)


def epoch_seconds(path):
    """The seconds of every epoch logged in ``path``, in order."""
    return [int(s) for s in EPOCH_LINE.findall(Path(path).read_text())]


def row_logs(name, logs=LOGS):
    """The logs of row ``name``, in the order its epochs ran."""
    def first_epoch(path):
        return int(re.search(r"_epochs(\d+)-", path.name).group(1))

    return sorted(Path(logs).glob(f"report_{name}_epochs*.log"), key=first_epoch)


def summary(seconds):
    """``n epochs, min-max s, median s`` of a list of epoch times."""
    return (f"{len(seconds)} epochs, {min(seconds)}-{max(seconds)} s, "
            f"median {statistics.median(seconds):g} s")


def print_epoch_times(rows, logs=LOGS):
    """Per row, each log's epoch times and then all of them together."""
    for row in rows:
        paths = row_logs(row.name, logs)
        times = {path: epoch_seconds(path) for path in paths}
        every = [s for seconds in times.values() for s in seconds]
        if not every:
            continue
        print(f"{row.name}: {summary(every)}")
        for path, seconds in times.items():
            if seconds:
                print(f"  {path.name}: {summary(seconds)}")
