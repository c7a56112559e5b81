"""Detector findings kept per version of the store, so that a briefing does not run every detector over the whole
store again while nothing has changed (issue 15: 46 of a 30-entity case briefing's 50 s at 100k manifests).

The store's version is a counter on its StoreCounts node that every write of data raises: an ingest run, a merge,
a split and a recount (``store_counts_record``), a recorded inspection (``store_changed``). The findings of a run
of every detector are kept in ``HOME/cache/`` under the store's address and database, with the version and a
digest of the detectors' statements and of the reference tables they are given (controls, sectors...); they are
used while all three still match. A run in which a detector failed or was cut short is never kept, and a store
that was never counted (no version) is always asked afresh.

The trade flows the risk ranking reads (``risk_trade_parties``: every shipper, consignee, broker and notify party
with its shipments) are kept the same way, under the digest of their statement: reading them walks every shipment
(15 s at a million manifests), and the inspection queue and the risk page both rank every firm.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from pathlib import Path
from typing import Any, Callable, TypeVar

from workbench.analysis.detect import Detection, Finding, RuleRun, detectors, run_detectors, with_controls
from workbench.analysis.flows import Flow
from workbench.analysis.flows import trade_flows as read_trade_flows
from workbench.store import queries
from workbench.store.gateway import Gateway

FORMAT = 2  # 2: what is kept sits under "data"
T = TypeVar("T")


def store_version(gateway: Gateway) -> int | None:
    """The store's version (None when it was never counted)."""
    rows = queries.run(gateway, "store_version").raise_for_status().data()
    version = rows[0]["version"] if rows else None
    return int(version) if version is not None else None


def rules_digest() -> str:
    """What the findings depend on besides the data: every detector's statement and the parameters it is given."""
    digest = hashlib.sha256(str(FORMAT).encode())
    for query in detectors():
        digest.update(query.id.encode() + b"\0" + query.text.encode() + b"\0")
        digest.update(json.dumps(with_controls(query), sort_keys=True, default=str).encode())
    return digest.hexdigest()[:20]


def _path(gateway: Gateway, home: Path, kind: str = "findings") -> Path:
    where = hashlib.sha256(f"{gateway.connection.uri}|{gateway.database}".encode()).hexdigest()[:12]
    return Path(home) / "cache" / f"{kind}-{gateway.database}-{where}.json"


def _read_kept(path: Path, version: int, digest: str) -> dict[str, Any] | None:
    """The file kept at ``path`` when it is of this store version and digest (else None)."""
    try:
        kept = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None  # none kept yet, or unreadable
    if isinstance(kept, dict) and kept.get("version") == version and kept.get("rules") == digest:
        return kept
    return None


def _finding(row: dict[str, Any]) -> Finding:
    return Finding(row["rule"], row["category"], row["severity"], row["entities"], row["explanation"],
                   row["evidence"], float(row["score"]))


def kept(gateway: Gateway, home: Path | None, kind: str, digest: Callable[[], str], compute: Callable[[], T],
         encode: Callable[[T], Any], decode: Callable[[Any], T], complete: Callable[[T], bool] = lambda _: True) -> T:
    """``compute()``'s result, kept in ``HOME/cache/KIND-…json`` for the store's version and ``digest()``: read back
    while both match, else computed afresh and kept when ``complete`` and nothing wrote data meanwhile. Without a
    home or a version, always computed."""
    version = store_version(gateway) if home is not None else None
    if home is None or version is None:
        return compute()
    path = _path(gateway, home, kind)
    rules = digest()
    held = _read_kept(path, version, rules)
    if held is not None:
        try:
            return decode(held["data"])
        except (KeyError, TypeError, ValueError):
            pass  # written by another format: compute it again
    fresh = compute()
    if complete(fresh) and store_version(gateway) == version:
        _keep(path, {"version": version, "rules": rules, "data": encode(fresh)})
    return fresh


def detection(gateway: Gateway, home: Path | None) -> Detection:
    """Every detector's findings: kept ones when the store and the detectors are as they were, else a fresh run
    (kept for next time when every detector completed)."""
    return kept(gateway, home, "findings", rules_digest, lambda: run_detectors(gateway),
                lambda d: {"findings": [f.to_dict() for f in d.findings], "runs": [vars(r) for r in d.runs]},
                lambda data: Detection([_finding(f) for f in data["findings"]],
                                       [RuleRun(**r) for r in data["runs"]]),
                complete=lambda d: not d.failed)


def flows_digest() -> str:
    """What the kept trade flows depend on besides the data: the statement that reads them."""
    return hashlib.sha256(f"{FORMAT}\0{queries.get('risk_trade_parties').text}".encode()).hexdigest()[:20]


def trade_flows(gateway: Gateway, home: Path | None) -> list[Flow]:
    """The store's trade flows (:func:`workbench.analysis.flows.trade_flows`): kept ones when the store is as it was,
    else read afresh (and kept when nothing wrote data meanwhile)."""
    return kept(gateway, home, "flows", flows_digest, lambda: read_trade_flows(gateway),
                lambda flows: [{"shipper": f.shipper, "consignee": f.consignee, "broker": f.broker,
                                "notify": list(f.notify), "shipments": f.shipments, "seized": f.seized}
                               for f in flows],
                lambda data: [Flow(f["shipper"], f["consignee"], f["broker"], tuple(f["notify"]),
                                   int(f["shipments"]), int(f["seized"])) for f in data])


def _keep(path: Path, data: dict[str, Any]) -> None:
    """Write the file whole or not at all (a reader never sees half of it)."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.stem}-", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(data, handle, ensure_ascii=False, default=str)
        os.replace(tmp, path)
    except OSError:
        Path(tmp).unlink(missing_ok=True)
