"""The record kinds the importer reads, one module each, registered here by name.

A kind says in one place everything the importer knows about one kind of file: its columns and their types (what
the import contract promises), the columns that identify a record, what an earlier run stored that a later row may
not silently change, the graph key of its record node, the party mentions it gives to entity resolution, and the
nodes and relationships it writes. The reader, the validator, the builder and the runner only look kinds up here;
adding a kind is one module and one line in :data:`KINDS`.
"""

from __future__ import annotations

from workbench.ingest.kinds.base import Kind

__all__ = ["KINDS", "TABLE_KINDS", "Kind", "kind"]


def _registry() -> dict[str, Kind]:
    from workbench.ingest.kinds import (air_waybills, companies, ftm, manifests,  # noqa: PLC0415
                                        parcels, payments, pen_notifications, seizures, watchlist)

    kinds = (manifests.KIND, seizures.KIND, companies.KIND, pen_notifications.KIND, watchlist.KIND,
             air_waybills.KIND, parcels.KIND, payments.KIND, ftm.KIND)
    return {kind.name: kind for kind in kinds}


#: Every kind by name (the file stem of its CSV/XLSX, ``ftm`` for FollowTheMoney files).
KINDS: dict[str, Kind] = _registry()
#: Kinds read from CSV or XLSX files named after them.
TABLE_KINDS: tuple[str, ...] = tuple(name for name, kind in KINDS.items() if not kind.entities)


def kind(name: str) -> Kind:
    """The kind called ``name``; a KeyError names the known ones."""
    try:
        return KINDS[name]
    except KeyError:
        raise KeyError(f"unknown record kind {name!r}; known: {', '.join(KINDS)}") from None
