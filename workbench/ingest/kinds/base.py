"""What a record kind declares (see :mod:`workbench.ingest.kinds`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Mapping

from workbench.ingest.rows import Record

# The builder (workbench.ingest.builder.Builder) is typed Any here so that this module, which the builder reads,
# does not import it back; each kind module types its functions with the Builder itself.
#: A kind's contribution to resolution: the mentions of one record, by slot name (index into the builder's mentions).
Collect = Callable[[Any, Record], dict[str, int | None]]
#: A kind's nodes and relationships for one record, added to the builder's plan.
Emit = Callable[[Any, Record], None]
#: What a kind does with all its records once every record is emitted, or before any mention is collected.
Batch = Callable[[Any, list[Record]], None]


@dataclass(frozen=True)
class Kind:
    """One kind of input file and what the importer does with its rows."""

    name: str
    #: Column -> field type (see ``records.FIELD_TYPES``), in the contract's column order.
    fields: Mapping[str, str]
    required_columns: tuple[str, ...]
    required_values: tuple[str, ...]
    collect: Collect
    emit: Emit
    #: Order in which kinds contribute mentions: registries first, they carry the identifiers that anchor the rest.
    resolve_order: int
    #: The columns that identify a record (the same id is the same node in the graph); empty: none.
    identity: tuple[str, ...] = ()
    #: True when a row without the last identity value has no id (and resolves by name instead).
    identity_optional: bool = False
    #: Stored property -> record field: what a later run may not silently change under the same id.
    stored_fields: Mapping[str, str] = field(default_factory=dict)
    #: The record's graph key from its normalised values, or None for kinds whose nodes are resolved parties.
    node_key: Callable[[dict[str, Any]], str] | None = None
    #: The ``ingest_stored_records`` parameter the record keys are looked up under (shipments, seizures...).
    stored_group: str | None = None
    #: True for files of FollowTheMoney entities (JSON), validated by :mod:`workbench.ingest.ftm`, not by columns.
    entities: bool = False
    #: Checks across the columns of one valid row: (column, reason) of each problem (e.g. a wallet for crypto).
    check: Callable[[dict[str, Any]], list[tuple[str, str]]] | None = None
    #: Run before any mention is collected, with every record of the bundle (e.g. index FtM entities by id).
    prepare: Batch | None = None
    #: Run once every record is emitted, with this kind's records (e.g. link seizures to their shipments).
    finish: Batch | None = None

    @property
    def columns(self) -> tuple[str, ...]:
        """Every column of the contract, in order."""
        return tuple(self.fields)
