"""Run every benchmark: `python -m benchmarks` (or `make bench`). Each writes benchmarks/results/NAME.json."""

from __future__ import annotations

import importlib
import pkgutil
import sys
import time

import benchmarks


def main() -> int:
    failed = []
    for module in sorted(pkgutil.iter_modules(benchmarks.__path__), key=lambda m: m.name):
        if not module.name.startswith("bench_"):
            continue
        started = time.monotonic()
        print(f"== {module.name}", flush=True)
        loaded = importlib.import_module(f"benchmarks.{module.name}")
        try:
            loaded.main([])
        except Exception as e:  # noqa: BLE001 - one failing benchmark must not hide the others
            failed.append(module.name)
            print(f"{module.name} failed: {e}", file=sys.stderr)
        print(f"== {module.name} took {time.monotonic() - started:.1f} s", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
