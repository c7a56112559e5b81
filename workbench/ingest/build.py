"""Turn validated records into a plan of nodes and relationships with resolved keys and provenance.

Everything here is in memory and deterministic: the same records against the same store give the
same keys, so writing the plan twice changes nothing. Keys are built from the data
("shipment:" + bill of lading + record id, "port:" + UN/LOCODE, "company:" + country + name key...).
Each record kind (:mod:`workbench.ingest.kinds`) says what its rows mention and emit; the
:class:`~workbench.ingest.builder.Builder` resolves the mentions and holds the shared nodes.
"""

from __future__ import annotations

from typing import Any

from workbench.ingest.builder import Builder, StoredShipments
from workbench.ingest.kinds import KINDS
from workbench.ingest.plan import REF_CAP, REF_CAP_OTHER, REL_REF_CAP, RECORD_LABELS, NodeRow, Plan, RelRow, RelType
from workbench.ingest.rows import Record

__all__ = ["REF_CAP", "REF_CAP_OTHER", "REL_REF_CAP", "RECORD_LABELS", "Builder", "NodeRow", "Plan", "RelRow",
           "RelType", "build_plan"]


def build_plan(records: list[Record], existing: dict[str, list[dict[str, Any]]], decisions: list[dict[str, Any]],
               stored_shipments: StoredShipments | None = None) -> Plan:
    """The plan of ``records``: resolved against the ``existing`` entities and the stored ``decisions``."""
    builder = Builder(records, existing, decisions, stored_shipments, KINDS)
    builder.collect()
    return builder.emit()
