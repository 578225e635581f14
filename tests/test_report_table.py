"""The results page's report table is the one the rows' files print."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_results_page_table_matches_the_rows_files():
    printed = subprocess.run(
        [sys.executable, "reproduce_report.py", "--table"],
        cwd=ROOT / "benchmarks", capture_output=True, text=True, check=True,
    ).stdout
    committed = (ROOT / "docs" / "report_table.inc").read_text()
    assert printed == committed, (
        "docs/report_table.inc is stale: run "
        "`cd benchmarks && python reproduce_report.py --table "
        "> ../docs/report_table.inc`"
    )
