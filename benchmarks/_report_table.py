"""The tables of ``reproduce_report.py --table``, as rst list-tables."""

from _report_rows import LEAK_PAIR, ROWS
from _report_state import RunFolder, command

HEADER = (
    "row", "trained on, or members", "epochs", "validation accuracy",
    "PublicTest accuracy", "macro-F1", "wrong", "report's figure", "command",
)
WIDTHS = "12 20 5 8 10 6 6 15 18"


def cells(row, folder):
    """The table cells of one row; an unfinished one shows its status."""
    result = folder.result()
    if result is None:
        progress = folder.progress()
        settings = progress["settings"] if progress else {}
        return (row.name, row.describe(), "", "", folder.status(), "", "",
                row.report, f"``{command(row, settings)}``")
    test, val = result["publictest"], result["validation"]
    accuracy = f"{test['accuracy']:.4f}"
    validation = f"{val['accuracy']:.4f}"
    if row.is_ensemble:
        accuracy += (f" ({100 * result['gain_over_best_member']:+.2f} points "
                     f"against the best member, {result['best_member']})")
        if row.voting == "weighted":
            validation += " (weights learned on it)"
    described, epochs = row.describe(), str(result.get("epochs", ""))
    if row.voting == "weighted":
        weights = ", ".join(f"{w:.2f}" for w in result["weights"].values())
        described += f" (weights {weights})"
    return (row.name, described, epochs, validation, accuracy,
            f"{test['macro_f1']:.4f}", f"{test['wrong']} of {test['n']}",
            row.report, f"``{result['command']}``")


def leak_cells(row, result):
    """Where the leak shows: the disgust images of each validation set."""
    val, test = result["validation"], result["publictest"]
    disgust = val["per_class"]["disgust"]
    return (
        row.name, row.describe(),
        f"{val['n']} ({int(disgust['support'])} disgust)",
        f"{val['accuracy']:.4f}", f"{disgust['f1-score']:.2f}",
        f"{test['accuracy']:.4f}", f"{test['per_class']['disgust']['f1-score']:.2f}",
    )


LEAK_HEADER = (
    "row", "protocol", "validation images", "validation accuracy",
    "validation disgust F1", "PublicTest accuracy", "PublicTest disgust F1",
)


def print_list_table(widths, lines):
    print(f".. list-table::\n   :header-rows: 1\n   :widths: {widths}\n")
    for line in lines:
        print("\n".join(
            f"   {'* -' if i == 0 else '  -'} {cell}".rstrip()
            for i, cell in enumerate(line)
        ))


def print_table(rows, runs):
    """The results table, then the leak measurement once both rows are done."""
    print_list_table(WIDTHS, [HEADER, *(cells(r, RunFolder(runs, r)) for r in rows)])
    pair = [ROWS[name] for name in LEAK_PAIR]
    results = [RunFolder(runs, row).result() for row in pair]
    if all(results):
        print()
        print_list_table("12 26 12 10 10 10 10", [
            LEAK_HEADER, *(leak_cells(r, res) for r, res in zip(pair, results))
        ])
