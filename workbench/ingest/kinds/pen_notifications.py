"""Pre-export notifications (``pen_notifications.csv``, PEN Online): one Notification per PEN id, with its exporter,
importer, chemical and point of entry."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from workbench.ingest.kinds.base import Kind
from workbench.ingest.plan import props

if TYPE_CHECKING:
    from workbench.ingest.builder import Builder
    from workbench.ingest.rows import Record

FIELDS = {
    "pen_id": "text", "exporter_name": "text", "exporter_country": "country", "importer_name": "text",
    "importer_country": "country", "substance": "text", "cas_number": "cas", "quantity_kg": "number",
    "dispatch_date": "date", "point_of_entry": "text", "status": "status",
}
REQUIRED = ("pen_id", "exporter_name", "importer_name")
STORED_FIELDS = {"penId": "pen_id", "exporterName": "exporter_name", "importerName": "importer_name",
                 "substance": "substance", "casNumber": "cas_number", "quantityKg": "quantity_kg",
                 "dispatchDate": "dispatch_date", "pointOfEntry": "point_of_entry"}


def node_key(d: dict[str, Any]) -> str:
    """``notification:<pen id>``."""
    return f"notification:{d['pen_id']}"


def collect(b: Builder, r: Record) -> dict[str, int | None]:
    d = r.data
    return {"exporter": b.mention("Company", d["exporter_name"], d["exporter_country"], r.ref),
            "importer": b.mention("Company", d["importer_name"], d["importer_country"], r.ref)}


def emit(b: Builder, r: Record) -> None:
    d, ref, file, slots, plan = r.data, r.ref, r.file, r.data["_slots"], b.plan
    key = node_key(d)
    node = plan.node("Notification", key, ref, file)
    node.props = {**r.extra, **props(penId=d["pen_id"], substance=d["substance"], casNumber=d["cas_number"],
                                     quantityKg=d["quantity_kg"], dispatchDate=d["dispatch_date"],
                                     pointOfEntry=d["point_of_entry"], status=d["status"],
                                     exporterName=d["exporter_name"], importerName=d["importer_name"])}
    node.search = [d["pen_id"], d["substance"] or "", d["cas_number"] or ""]
    for rtype, slot, name in (("EXPORTER", "exporter", d["exporter_name"]),
                              ("IMPORTER", "importer", d["importer_name"])):
        ck = b.party("Company", slots[slot], ref, file)
        if ck:
            plan.rel(rtype, "Notification", key, "Company", ck, ref, file, as_name=name)
    chem = b.chemical(d["substance"], d["cas_number"], ref, file)
    if chem:
        plan.rel("COVERS", "Notification", key, "Chemical", chem, ref, file)
    pk = b.port(d["point_of_entry"], ref, file)
    if pk:
        plan.rel("ENTRY_POINT", "Notification", key, "Port", pk, ref, file)


KIND = Kind("pen_notifications", FIELDS, REQUIRED, REQUIRED, collect, emit, resolve_order=3,
            identity=("pen_id",), stored_fields=STORED_FIELDS, node_key=node_key, stored_group="notifications")
