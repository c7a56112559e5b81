"""The ingest writer's statements timed one by one (client-side, from sending a statement to its last record), for
the ingest benchmarks (bench_ingest, bench_topup)."""

from __future__ import annotations

import time
from collections import Counter, defaultdict
from typing import Any

#: The writer's statements listed by time, the slowest first.
TOP_STATEMENTS = 12


class StatementClock:
    """Times each of the ingest writer's statements (workbench.ingest.writer._run) while it is entered."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)
        self.runs: Counter[str] = Counter()

    def __enter__(self) -> "StatementClock":
        from workbench.ingest import writer  # noqa: PLC0415

        self._writer, self._run = writer, writer._run

        def timed(tx: Any, qid: str, params: dict[str, Any]) -> list[Any]:
            started = time.monotonic()
            records = list(self._run(tx, qid, params))  # the statement's time includes reading its records
            self.seconds[qid] += time.monotonic() - started
            self.runs[qid] += 1
            return records

        writer._run = timed
        return self

    def __exit__(self, *_exc: object) -> None:
        self._writer._run = self._run

    def figures(self) -> dict[str, Any]:
        """The statements' total time, the key checks' (``ingest_stored_*``) and the slowest statements."""
        slowest = sorted(self.seconds.items(), key=lambda kv: -kv[1])[:TOP_STATEMENTS]
        return {"statements_seconds": round(sum(self.seconds.values()), 1),
                "key_checks_seconds": round(sum(s for q, s in self.seconds.items()
                                                if q.startswith("ingest_stored_")), 1),
                "slowest_statements": [{"id": qid, "seconds": round(s, 2), "runs": self.runs[qid]}
                                       for qid, s in slowest]}
