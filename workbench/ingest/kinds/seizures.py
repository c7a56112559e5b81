"""Seizure reports (``seizures.csv``): one Seizure per seizure id, linked to the chemical found, the port, the
container and, through its bill of lading or container, the shipments it was found in."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from workbench.ingest.kinds.base import Kind
from workbench.ingest.plan import compact, props

if TYPE_CHECKING:
    from workbench.ingest.builder import Builder
    from workbench.ingest.rows import Record

FIELDS = {
    "seizure_id": "text", "date": "date", "agency": "text", "location": "text", "port": "text",
    "substance": "text", "cas_number": "cas", "quantity_kg": "number", "bill_of_lading": "text",
    "container_id": "text", "notes": "text",
}
STORED_FIELDS = {"seizureId": "seizure_id", "date": "date", "agency": "agency", "location": "location",
                 "substance": "substance", "casNumber": "cas_number", "quantityKg": "quantity_kg",
                 "billOfLading": "bill_of_lading", "containerId": "container_id", "port": "port"}


def node_key(d: dict[str, Any]) -> str:
    """``seizure:<seizure id>``."""
    return f"seizure:{d['seizure_id']}"


def collect(b: Builder, r: Record) -> dict[str, int | None]:
    return {}


def emit(b: Builder, r: Record) -> None:
    d, ref, file, plan = r.data, r.ref, r.file, b.plan
    key = node_key(d)
    node = plan.node("Seizure", key, ref, file)
    node.props = {**r.extra, **props(seizureId=d["seizure_id"], date=d["date"], agency=d["agency"],
                                     location=d["location"], substance=d["substance"],
                                     casNumber=d["cas_number"], quantityKg=d["quantity_kg"],
                                     notes=d["notes"], billOfLading=d["bill_of_lading"],
                                     containerId=d["container_id"], port=d["port"])}
    node.search = [d["seizure_id"], d["bill_of_lading"] or "", d["container_id"] or "",
                   d["substance"] or "", d["cas_number"] or "", d["location"] or "", d["agency"] or ""]
    chem = b.chemical(d["substance"], d["cas_number"], ref, file)
    if chem:
        plan.rel("FOUND", "Seizure", key, "Chemical", chem, ref, file)
    pk = b.port(d["port"], ref, file)
    if pk:
        plan.rel("SEIZED_AT", "Seizure", key, "Port", pk, ref, file)
    if d["container_id"]:
        plan.rel("IN_CONTAINER", "Seizure", key, "Container", b.container(d["container_id"], ref, file), ref, file)


def finish(b: Builder, seizures: list[Record]) -> None:
    """Link each seizure to the shipments of its bill of lading (else of its container), in this bundle or stored."""
    if not seizures:
        return
    plan = b.plan
    by_bol: dict[str, list[str]] = {}
    by_container: dict[str, list[str]] = {}
    for key, row in plan.nodes.get("Shipment", {}).items():
        by_bol.setdefault(row.props.get("billOfLading", ""), []).append(key)
        for c in row.props.get("containerIds", []):
            by_container.setdefault(f"container:{c}", []).append(key)
    bols = sorted({r.data["bill_of_lading"] for r in seizures if r.data["bill_of_lading"]})
    containers = sorted({f"container:{compact(r.data['container_id'])}" for r in seizures if r.data["container_id"]})
    if b.stored_shipments is not None:
        stored = b.stored_shipments(bols, containers)
        for k, keys in stored.items():
            target = by_bol if not k.startswith("container:") else by_container
            for sk in keys:
                if sk not in target.setdefault(k, []):
                    target[k].append(sk)
    for r in seizures:
        d = r.data
        keys = by_bol.get(d["bill_of_lading"] or "", []) if d["bill_of_lading"] else []
        if not keys and d["container_id"]:
            keys = by_container.get(f"container:{compact(d['container_id'])}", [])
        for sk in keys:
            plan.rel("SEIZED_FROM", "Seizure", node_key(d), "Shipment", sk, r.ref, r.file)


KIND = Kind("seizures", FIELDS, ("seizure_id",), ("seizure_id",), collect, emit, resolve_order=5,
            identity=("seizure_id",), stored_fields=STORED_FIELDS, node_key=node_key, stored_group="seizures",
            finish=finish)
