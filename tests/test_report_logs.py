"""``reproduce_report.py --epoch-times`` reads the epochs of a row's own logs."""

from pathlib import Path
from types import SimpleNamespace

import pytest

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"

LOG = """# python reproduce_report.py {row}
## python benchmarks/reproduce_report.py {row}
{lines}
PublicTest accuracy 0.6000
"""


def _log(folder, name, seconds, row="cnn1-7-honest"):
    lines = "\n".join(
        f"240/240 - {s}s - 184ms/step - accuracy: 0.4 - loss: 1.2" for s in seconds
    )
    (folder / name).write_text(LOG.format(row=row, lines=lines))


@pytest.fixture
def report_logs(monkeypatch):
    monkeypatch.syspath_prepend(str(BENCHMARKS))
    import _report_logs

    return _report_logs


def test_epoch_times_per_log_then_per_row(report_logs, tmp_path, capsys):
    _log(tmp_path, "report_cnn1-7-honest_epochs10-12.log", [90, 80])
    _log(tmp_path, "report_cnn1-7-honest_epochs0-10.log", [40] * 9 + [50])
    _log(tmp_path, "report_cnn1-7-honest_dead_epochs0-18.log", [999])
    _log(tmp_path, "report_cnn1-7-honest-x_epochs0-1.log", [999])

    rows = [SimpleNamespace(name=n) for n in ("cnn1-7-honest", "cnn2-3-honest")]
    report_logs.print_epoch_times(rows, tmp_path)

    assert capsys.readouterr().out.splitlines() == [
        "cnn1-7-honest: 12 epochs, 40-90 s, median 40 s",
        "  report_cnn1-7-honest_epochs0-10.log: 10 epochs, 40-50 s, median 40 s",
        "  report_cnn1-7-honest_epochs10-12.log: 2 epochs, 80-90 s, median 85 s",
    ]


def test_the_committed_logs_give_every_finished_row_its_epochs(report_logs):
    seconds = [s for p in report_logs.row_logs("cnn1-3-honest")
               for s in report_logs.epoch_seconds(p)]
    assert len(seconds) == 60
