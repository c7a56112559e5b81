"""The current network or case in files other tools read: GraphML, i2 Analyst's Notebook ANX, FollowTheMoney
JSON lines, and plain CSV node and edge files (zipped).

The network is the subgraph of the case, entity or query (:func:`workbench.cases.subgraph.gather`), the same one a
briefing on that source draws: only the subject's entities and those connected to them through trade, identifiers,
officers, seizures or notifications; context members (a country, a port) are kept as nodes without links.

FollowTheMoney mapping (FtM has no shipment schema):

- Company (and Company:Broker) -> ``Company``; Person -> ``Person``; Address -> ``Address`` (and the
  company's or person's ``addressEntity``); Phone and Email -> the ``phone`` / ``email`` property of the
  company or person that declared them (FtM keeps contact details as properties, not entities).
- WatchlistEntry -> one ``Sanction`` per LISTED_ON link (``entity`` = the listed party, ``program``,
  ``listingDate``); OFFICER_OF -> ``Directorship`` (``director``, ``organization``, ``role``).
- Shipment -> ``Event`` named "Shipment <bill of lading>" with the date, the declared goods as summary and
  shipper, consignee and broker as ``involved``; Seizure -> ``Event`` likewise, involving the parties of the
  seized shipment. Other labels (Chemical, Port, Country, Container, Notification, IngestRun) are not exported
  to FtM; the other formats carry them.
"""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from typing import Any
from xml.etree import ElementTree as ET

import networkx as nx

from workbench.cases.subgraph import Source, Subgraph, gather
from workbench.exports.safe import SafeWriter
from workbench.errors import InputError
from workbench.store.gateway import Gateway
from workbench.settings import Settings

FORMATS = {"graphml": ("graphml", "application/graphml+xml"), "anx": ("anx", "application/xml"),
           "ftm": ("ftm.json", "application/x-ndjson"), "csv": ("zip", "application/zip")}
#: i2 Analyst's Notebook standard icon per label (the icon "Type" in the chart).
ANX_ICONS = {"Company": "Organisation", "Broker": "Organisation", "Person": "Person", "Address": "Address",
             "Phone": "Telephone", "Email": "Email", "Shipment": "Shipment", "Container": "Container",
             "Seizure": "Police", "Chemical": "Drugs", "Port": "Port", "Country": "Country",
             "Notification": "Document", "WatchlistEntry": "Warning", "IngestRun": "Document"}


def _flat(value: Any) -> str:
    if isinstance(value, (list, tuple)):
        return ";".join(str(v) for v in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else str(value)


def _props(props: dict[str, Any]) -> dict[str, str]:
    return {k: _flat(v) for k, v in sorted(props.items()) if k not in ("searchText", "key") and v not in (None, "")}


# --- GraphML --------------------------------------------------------------------------------------

def to_graphml(b: Subgraph) -> bytes:
    """Nodes with ``label`` (display name), ``labels`` (';'-joined) and their properties; edges with ``type``."""
    graph = nx.MultiDiGraph()
    for e in b.entities:
        graph.add_node(e.key, label=e.name, labels=";".join(e.labels), kind=e.kind, **_props(e.props))
    for i, link in enumerate(b.links):
        graph.add_edge(link.source, link.target, key=f"e{i}", type=link.type, **_props(link.props))
    out = io.BytesIO()
    nx.write_graphml(graph, out, encoding="utf-8", prettyprint=True)
    return out.getvalue()


# --- i2 ANX ---------------------------------------------------------------------------------------

def to_anx(b: Subgraph) -> bytes:
    """An i2 Analyst's Notebook chart: an entity type per label (with its icon), an entity per node, a link per
    relationship, node properties as attributes."""
    chart = ET.Element("Chart", {"Rigorous": "false", "IdReferenceLinking": "false"})
    kinds = sorted({e.kind for e in b.entities})
    types = ET.SubElement(chart, "EntityTypeCollection")
    for kind in kinds:
        ET.SubElement(types, "EntityType", {"Name": kind, "IconFile": ANX_ICONS.get(kind, "General")})
    link_types = ET.SubElement(chart, "LinkTypeCollection")
    for rel in sorted({link.type for link in b.links}):
        ET.SubElement(link_types, "LinkType", {"Name": rel, "Colour": "0"})
    attribute_names = sorted({k for e in b.entities for k in _props(e.props)})
    classes = ET.SubElement(chart, "AttributeClassCollection")
    for name in attribute_names:
        ET.SubElement(classes, "AttributeClass", {"Name": name, "Type": "AttText", "ShowValue": "true"})
    items = ET.SubElement(chart, "ChartItemCollection")
    ids = {e.key: f"E{i}" for i, e in enumerate(b.entities, start=1)}
    for e in b.entities:
        item = ET.SubElement(items, "ChartItem", {"Label": e.name, "Description": e.kind, "DateSet": "false"})
        attrs = ET.SubElement(item, "AttributeCollection")
        for name, value in _props(e.props).items():
            ET.SubElement(attrs, "Attribute", {"AttributeClass": name, "Value": value})
        end = ET.SubElement(item, "End")
        entity = ET.SubElement(end, "Entity", {"EntityId": ids[e.key], "Identity": e.key, "LabelIsIdentity": "false"})
        icon = ET.SubElement(entity, "Icon")
        ET.SubElement(icon, "IconStyle", {"Type": e.kind, "IconFile": ANX_ICONS.get(e.kind, "General")})
    for link in b.links:
        if link.source not in ids or link.target not in ids:
            continue
        item = ET.SubElement(items, "ChartItem", {"Label": link.type, "DateSet": "false"})
        element = ET.SubElement(item, "Link", {"End1Id": ids[link.source], "End2Id": ids[link.target]})
        ET.SubElement(element, "LinkStyle", {"Type": link.type, "ArrowStyle": "ArrowOnHead", "Strength": "1"})
    ET.indent(chart)
    return ET.tostring(chart, encoding="utf-8", xml_declaration=True)


# --- FollowTheMoney -------------------------------------------------------------------------------

def _ftm_id(*parts: str) -> str:
    return "pw-" + hashlib.sha1("|".join(parts).encode("utf-8")).hexdigest()[:24]


def to_ftm(b: Subgraph) -> bytes:
    """FollowTheMoney entities as JSON lines (see the module docstring for the mapping)."""
    from followthemoney import model as ftm  # noqa: PLC0415

    by_key = {e.key: e for e in b.entities}
    proxies: dict[str, Any] = {}
    for e in b.entities:
        schema = {"Company": "Company", "Broker": "Company", "Person": "Person", "Address": "Address"}.get(e.kind)
        if schema is None:
            continue
        proxy = ftm.make_entity(schema)
        proxy.id = _ftm_id(e.key)
        p = e.props
        if schema == "Address":
            proxy.add("full", p.get("full") or e.name)
            proxy.add("city", p.get("city"), quiet=True)
        else:
            proxy.add("name", e.name)
            for alias in _flat(p.get("names")).split(";") + _flat(p.get("aliases")).split(";"):
                if alias and alias != e.name:
                    proxy.add("alias", alias, quiet=True)
        proxy.add("country", p.get("country"), quiet=True)
        if schema == "Company":
            proxy.add("registrationNumber", p.get("registrationNumber"), quiet=True)
            proxy.add("incorporationDate", p.get("incorporationDate"), quiet=True)
            proxy.add("website", p.get("website"), quiet=True)
            proxy.add("legalForm", p.get("legalForm"), quiet=True)
        if schema == "Person":
            proxy.add("birthDate", p.get("birthDate"), quiet=True)
        proxy.add("sourceUrl", None, quiet=True)
        proxies[e.key] = proxy
    extra = []
    for link in b.links:
        owner = proxies.get(link.source)
        target = by_key.get(link.target)
        if link.type in ("HAS_PHONE", "HAS_EMAIL", "HAS_ADDRESS") and owner is not None and target is not None:
            if link.type == "HAS_PHONE":
                owner.add("phone", target.props.get("number") or target.name, quiet=True)
            elif link.type == "HAS_EMAIL":
                owner.add("email", target.props.get("address") or target.name, quiet=True)
            elif link.target in proxies:
                owner.add("addressEntity", proxies[link.target].id, quiet=True)
                owner.add("address", target.name, quiet=True)
        elif link.type == "OFFICER_OF" and link.source in proxies and link.target in proxies:
            rel = ftm.make_entity("Directorship")
            rel.id = _ftm_id(link.source, "OFFICER_OF", link.target)
            rel.add("director", proxies[link.source].id)
            rel.add("organization", proxies[link.target].id)
            rel.add("role", link.props.get("role"), quiet=True)
            extra.append(rel)
        elif link.type == "LISTED_ON" and link.source in proxies and target is not None:
            sanction = ftm.make_entity("Sanction")
            sanction.id = _ftm_id(link.source, "LISTED_ON", link.target)
            sanction.add("entity", proxies[link.source].id)
            sanction.add("program", _flat(target.props.get("programs")) or target.name, quiet=True)
            sanction.add("listingDate", target.props.get("listedDate"), quiet=True)
            sanction.add("summary", target.name, quiet=True)
            extra.append(sanction)
    seizure_parties: dict[str, list[str]] = {}
    for s in b.shipments:
        event = ftm.make_entity("Event")
        event.id = _ftm_id(s.key)
        event.add("name", f"Shipment {s.bill}")
        event.add("date", s.date or None, quiet=True)
        event.add("summary", " ".join(x for x in (s.goods, s.hs_code and f"HS {s.hs_code}") if x) or None, quiet=True)
        event.add("location", " -> ".join(stop.name for stop in s.route) or None, quiet=True)
        involved = [proxies[p.key].id for p in s.shippers + s.consignees + s.brokers if p.key in proxies]
        event.add("involved", involved, quiet=True)
        extra.append(event)
        for seizure in s.seizures:
            seizure_parties.setdefault(seizure, []).extend(involved)
    for z in b.seizures:
        event = ftm.make_entity("Event")
        event.id = _ftm_id(z.key)
        event.add("name", f"Seizure {z.seizure_id}")
        event.add("date", z.date or None, quiet=True)
        event.add("summary", " ".join(x for x in (z.agency, ", ".join(z.chemicals) or z.substance,
                                                 z.quantity_kg and f"{z.quantity_kg:g} kg") if x) or None, quiet=True)
        event.add("location", ", ".join(z.ports) or z.location or None, quiet=True)
        event.add("involved", seizure_parties.get(z.key, []), quiet=True)
        extra.append(event)
    lines = [json.dumps(proxy.to_dict(), ensure_ascii=False, sort_keys=True)
             for proxy in list(proxies.values()) + extra]
    return ("\n".join(lines) + "\n").encode("utf-8") if lines else b""


# --- CSV ------------------------------------------------------------------------------------------

def to_csv_zip(b: Subgraph) -> bytes:
    """``nodes.csv`` (key, labels, name, then every property) and ``edges.csv`` (source, target, type, props)."""
    node_props = sorted({k for e in b.entities for k in _props(e.props)})
    edge_props = sorted({k for link in b.links for k in _props(link.props)})
    nodes = io.StringIO()
    writer = SafeWriter(nodes)
    writer.writerow(["key", "labels", "name", *node_props])
    for e in b.entities:
        props = _props(e.props)
        writer.writerow([e.key, ";".join(e.labels), e.name, *(props.get(k, "") for k in node_props)])
    edges = io.StringIO()
    writer = SafeWriter(edges)
    writer.writerow(["source", "target", "type", *edge_props])
    for link in b.links:
        props = _props(link.props)
        writer.writerow([link.source, link.target, link.type, *(props.get(k, "") for k in edge_props)])
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("nodes.csv", nodes.getvalue())
        archive.writestr("edges.csv", edges.getvalue())
    return out.getvalue()


WRITERS = {"graphml": to_graphml, "anx": to_anx, "ftm": to_ftm, "csv": to_csv_zip}


def export_network(b: Subgraph, fmt: str) -> bytes:
    if fmt not in WRITERS:
        raise InputError(f"Export format {fmt!r} is not available; choose {', '.join(WRITERS)}.")
    return WRITERS[fmt](b)


def export(gateway: Gateway, settings: Settings, source: Source, fmt: str) -> tuple[bytes, str, str]:
    """One download for the app or the CLI: (bytes, file name, MIME type)."""
    if fmt not in WRITERS:
        raise InputError(f"Export format {fmt!r} is not available; choose {', '.join(WRITERS)}.")
    b = gather(gateway, settings, source)
    extension, mime = FORMATS[fmt]
    return export_network(b, fmt), f"network-{b.slug}.{extension}", mime
