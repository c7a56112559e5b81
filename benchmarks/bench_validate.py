"""How validation scales with the number of bad rows (issue 14 #6: it used to be quadratic).

Writes a manifests.csv where every row is bad (a weight that is not a number, and every tenth row ragged), reads
and validates it the way `workbench ingest` does, and records seconds and peak RSS at several sizes, plus the time
per row, which stays flat when validation is linear. Default sizes are small (10k, 20k, 40k: well under a minute);
`--rows 1000000` adds a million-row run. Writes benchmarks/results/validate.json.
Run: .venv/bin/python -m benchmarks.bench_validate [--rows N]
"""

from __future__ import annotations

import argparse
import resource
import tempfile
import time
from pathlib import Path

from benchmarks.machine import write_result
from workbench.ingest.readers import read_file
from workbench.ingest.records import validate_table

HEADER = "record_id,bill_of_lading,declaration_date,shipper_name,consignee_name,weight_kg,container_ids\n"


def bad_file(folder: Path, rows: int) -> Path:
    path = folder / "manifests.csv"
    with path.open("w", encoding="utf-8") as handle:
        handle.write(HEADER)
        for i in range(rows):
            if i % 10 == 9:
                handle.write(f"M{i},BL-{i},2024-01-01,Alpha Co\n")  # ragged
            else:
                handle.write(f"M{i},BL-{i},2024-01-01,Alpha Co,Beta SA,not-a-number,C{i}\n")
    return path


def measure(rows: int) -> dict[str, float | int]:
    with tempfile.TemporaryDirectory() as folder:
        path = bad_file(Path(folder), rows)
        size = path.stat().st_size
        started = time.perf_counter()
        table = read_file(path, "manifests")
        valid, problems, _ = validate_table(table)
        seconds = time.perf_counter() - started
    assert not valid and len(problems) == rows
    return {"rows": rows, "file_mb": round(size / 2**20, 1), "seconds": round(seconds, 2),
            "us_per_row": round(seconds / rows * 1e6, 1),
            "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 0)}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.bench_validate")
    parser.add_argument("--rows", type=int, action="append", help="Also measure this many bad rows (repeat).")
    args = parser.parse_args(argv)
    sizes = [10_000, 20_000, 40_000] + sorted(args.rows or [])
    runs = []
    for rows in sizes:
        figures = measure(rows)
        runs.append(figures)
        print(figures, flush=True)
    per_row = [r["us_per_row"] for r in runs]
    path = write_result("validate", {"runs": runs, "us_per_row_ratio_largest_to_smallest":
                                     round(float(per_row[-1]) / float(per_row[0]), 2)})
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
