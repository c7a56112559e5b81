"""Static pictures for briefings, drawn without a browser: the network, the timeline and the route map.

Colours and shapes per label come from ``workbench/data/style.yaml`` (the app's network view reads the same
file). Pictures are drawn from the briefing model only, so a sharing briefing's pictures hold nothing the
model no longer holds; :func:`network_labels` returns the exact texts the network picture prints.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")
import matplotlib.dates as mdates  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
import networkx as nx  # noqa: E402
import yaml  # noqa: E402
from matplotlib.collections import LineCollection  # noqa: E402
from matplotlib.lines import Line2D  # noqa: E402

from workbench.briefing.types import Briefing  # noqa: E402
from workbench.briefing.text import Text  # noqa: E402

STYLE_FILE = Path(__file__).resolve().parent.parent / "data" / "style.yaml"
#: vis-network shapes (the app) to matplotlib markers (the pictures).
MARKERS = {"dot": "o", "box": "s", "square": "s", "diamond": "D", "triangle": "^", "triangleDown": "v",
           "star": "*", "ellipse": "o", "hexagon": "h", "text": "o", "circle": "o"}
#: Most nodes a printed network picture shows; beyond that the least connected minor nodes are left out.
MAX_DRAWN = 300
MAX_LABELLED = 45
LABEL_CHARS = 30
DPI = 150
PRIORITY = ("WatchlistEntry", "Seizure", "Broker", "Company", "Person", "Shipment", "Notification", "Address",
            "Phone", "Email", "Chemical", "Port", "Container", "Country", "IngestRun")


@dataclass(frozen=True)
class LabelStyle:
    color: str
    marker: str


@lru_cache(maxsize=1)
def load_style() -> dict[str, LabelStyle]:
    """Colour and marker per label, from the app's style file (a neutral grey dot for anything unlisted)."""
    try:
        data = yaml.safe_load(STYLE_FILE.read_text(encoding="utf-8")) or {}
    except FileNotFoundError:
        data = {}
    if isinstance(data.get("labels"), dict):
        data = data["labels"]
    styles = {}
    for label, spec in data.items():
        if isinstance(spec, dict):
            color = spec.get("color") or spec.get("colour") or "#888888"
            styles[str(label)] = LabelStyle(str(color), MARKERS.get(str(spec.get("shape", "dot")), "o"))
    return styles


def style_of(kind: str) -> LabelStyle:
    return load_style().get(kind, LabelStyle("#888888", "o"))


def _png(fig: Any) -> bytes:
    buffer = io.BytesIO()
    # No metadata in the PNG: nothing but pixels leaves the model.
    fig.savefig(buffer, format="png", dpi=DPI, bbox_inches="tight", metadata={"Software": None})
    plt.close(fig)
    return buffer.getvalue()


def _short(text: str, limit: int = LABEL_CHARS) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _graph(b: Briefing) -> nx.Graph:
    graph = nx.Graph()
    for e in b.entities:
        if not e.context:  # countries, ports, chemicals are attributes of the nodes, never hubs in the picture
            graph.add_node(e.key, kind=e.kind, name=e.name, core=e.core)
    for link in b.links:
        if link.source in graph and link.target in graph and link.source != link.target:
            graph.add_edge(link.source, link.target, type=link.type)
    if graph.number_of_nodes() > MAX_DRAWN:
        rank = {kind: i for i, kind in enumerate(PRIORITY)}
        ordered = sorted(graph.nodes, key=lambda k: (not graph.nodes[k]["core"],
                                                     rank.get(graph.nodes[k]["kind"], 99), -graph.degree(k), k))
        graph = graph.subgraph(ordered[:MAX_DRAWN]).copy()
    return graph


#: Kinds whose names are printed in the network picture (identifiers and shipments are told by colour and shape:
#: printing every address, phone and bill of lading made the picture unreadable).
LABEL_KINDS = ("WatchlistEntry", "Seizure", "Broker", "Company", "Person", "Notification")


def network_labels(b: Briefing) -> dict[str, str]:
    """Node key -> the text printed beside it in the network picture (the most important nodes only)."""
    graph = _graph(b)
    rank = {kind: i for i, kind in enumerate(PRIORITY)}
    named = [k for k in graph.nodes if graph.nodes[k]["kind"] in LABEL_KINDS]
    ordered = sorted(named, key=lambda k: (not graph.nodes[k]["core"], rank.get(graph.nodes[k]["kind"], 99),
                                           -graph.degree(k), k))
    return {k: _short(graph.nodes[k]["name"] or k) for k in ordered[:MAX_LABELLED]}


def layout(graph: nx.Graph, aspect: float = 1.5) -> dict[str, tuple[float, float]]:
    """Positions for the picture: each connected part laid out on its own (force-directed), scaled by
    its size and packed in rows, so separate rings sit side by side instead of drifting to the corners."""
    parts = sorted((graph.subgraph(c).copy() for c in nx.connected_components(graph)),
                   key=lambda g: (-g.number_of_nodes(), min(g.nodes)))
    boxes = []
    for part in parts:
        n = part.number_of_nodes()
        if n == 1:
            local = {next(iter(part.nodes)): (0.0, 0.0)}
        else:
            local = nx.spring_layout(part, seed=7, k=1.8 / math.sqrt(n), iterations=80 if n <= 150 else 40)
        xs = [float(p[0]) for p in local.values()]
        ys = [float(p[1]) for p in local.values()]
        side = 0.6 + math.sqrt(n) * 0.55
        span = max(max(xs) - min(xs), max(ys) - min(ys), 1e-9)
        scaled = {k: ((float(p[0]) - min(xs)) / span * side, (float(p[1]) - min(ys)) / span * side)
                  for k, p in local.items()}
        width = (max(xs) - min(xs)) / span * side
        height = (max(ys) - min(ys)) / span * side
        boxes.append((scaled, width, height))
    total = sum((w + 0.8) * (h + 0.8) for _, w, h in boxes)
    row_width = max(math.sqrt(total * aspect), max(w for _, w, _ in boxes) + 0.8)
    pos: dict[str, tuple[float, float]] = {}
    x = y = row_height = 0.0
    for scaled, width, height in boxes:
        if x > 0 and x + width > row_width:
            x, y, row_height = 0.0, y - row_height - 0.8, 0.0
        for key, (px, py) in scaled.items():
            pos[key] = (x + px, y - py)
        x += width + 0.8
        row_height = max(row_height, height)
    return pos


def network_png(b: Briefing) -> bytes:
    """The network as a printable picture: nodes coloured and shaped as in the app, labels, a legend."""
    t = Text(b.lang)
    graph = _graph(b)
    labels = network_labels(b)
    fig, ax = plt.subplots(figsize=(11, 7.2))
    ax.set_axis_off()
    if graph.number_of_nodes() == 0:
        ax.text(0.5, 0.5, t("empty"), ha="center", va="center", fontsize=14)
        return _png(fig)
    pos = layout(graph)
    segments = [(pos[a], pos[b2]) for a, b2 in graph.edges]
    ax.add_collection(LineCollection(segments, colors="#9a9a9a", linewidths=0.8, alpha=0.7, zorder=1))
    kinds = sorted({graph.nodes[n]["kind"] for n in graph.nodes}, key=lambda x: PRIORITY.index(x)
                   if x in PRIORITY else 99)
    size = 220 if graph.number_of_nodes() < 60 else 120 if graph.number_of_nodes() < 200 else 60
    for kind in kinds:
        nodes = [n for n in graph.nodes if graph.nodes[n]["kind"] == kind]
        style = style_of(kind)
        xs = [pos[n][0] for n in nodes]
        ys = [pos[n][1] for n in nodes]
        sizes = [size * (1.8 if graph.nodes[n]["core"] else 1.0) * (1.6 if style.marker == "*" else 1.0)
                 for n in nodes]
        ax.scatter(xs, ys, s=sizes, c=style.color, marker=style.marker, edgecolors="#222222", linewidths=0.6,
                   zorder=2)
    handles = [Line2D([0], [0], marker=style_of(kind).marker, color="w", markerfacecolor=style_of(kind).color,
                      markeredgecolor="#222222", markersize=9, label=t.label(kind)) for kind in kinds]
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False, fontsize=9)
    ax.autoscale()
    ax.margins(0.08)
    place_labels(fig, ax, [(pos[key], text) for key, text in labels.items()], list(pos.values()),
                 font=8 if len(labels) < 40 else 6.5)
    return _png(fig)


#: Where a label may go around its node, in points (x, y, horizontal and vertical alignment), nearest first.
_SPOTS = [(dx * r, dy * r, ha, va) for r in (1.0, 2.2, 3.6)
          for dx, dy, ha, va in ((0, 7, "center", "bottom"), (0, -7, "center", "top"), (7, 0, "left", "center"),
                                 (-7, 0, "right", "center"), (6, 6, "left", "bottom"), (-6, 6, "right", "bottom"),
                                 (6, -6, "left", "top"), (-6, -6, "right", "top"))]


def _overlap(a: Any, b: Any) -> float:
    w = min(a.x1, b.x1) - max(a.x0, b.x0)
    h = min(a.y1, b.y1) - max(a.y0, b.y0)
    return w * h if w > 0 and h > 0 else 0.0


def place_labels(fig: Any, ax: Any, items: list[tuple[tuple[float, float], str]],
                 nodes: list[tuple[float, float]], font: float) -> list[Any]:
    """Print each label beside its node where it hides no label printed before it (items come most important
    first), stays inside the picture and off its key, and hides as few nodes as possible: the first free spot of
    :data:`_SPOTS`, else the one overlapping least.
    Printing every label above its node made names unreadable wherever nodes sit close (a firm and its officers).
    Returns the labels' boxes in display units."""
    from matplotlib.transforms import Bbox  # noqa: PLC0415

    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    to_display = ax.transData.transform
    points = fig.dpi / 72.0
    marker = 4.0 * points  # half a marker's width, in display units
    node_boxes = [Bbox.from_extents(x - marker, y - marker, x + marker, y + marker)
                  for x, y in (to_display(p) for p in nodes)]
    style = {"fontsize": font, "zorder": 3, "bbox": {"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none",
                                                     "alpha": 0.8}}
    legend = ax.get_legend()
    walls = [legend.get_window_extent(renderer)] if legend is not None else []  # a name never runs into the key
    frame = ax.bbox
    placed: list[Any] = []
    for (x, y), text in items:
        probe = ax.annotate(text, (x, y), xytext=(0, 0), textcoords="offset points", ha="left", va="bottom", **style)
        size = probe.get_window_extent(renderer)
        probe.remove()
        width, height = size.width * 1.04 + 2 * points, size.height * 1.15 + 2 * points
        cx, cy = to_display((x, y))
        best: tuple[float, Any, tuple[float, float, str, str]] | None = None
        for dx, dy, ha, va in _SPOTS:
            left = cx + dx * points - {"left": 0.0, "center": width / 2, "right": width}[ha]
            bottom = cy + dy * points - {"bottom": 0.0, "center": height / 2, "top": height}[va]
            box = Bbox.from_bounds(left, bottom, width, height)
            outside = box.width * box.height - _overlap(box, frame)
            cost = (100.0 * (sum(_overlap(box, other) for other in placed + walls) + outside)
                    + sum(_overlap(box, n) for n in node_boxes))
            if best is None or cost < best[0]:
                best = (cost, box, (dx, dy, ha, va))
            if cost == 0:
                break
        assert best is not None
        dx, dy, ha, va = best[2]
        ax.annotate(text, (x, y), xytext=(dx, dy), textcoords="offset points", ha=ha, va=va, **style)
        placed.append(best[1])
    return placed


def timeline_png(b: Briefing) -> bytes:
    """Events on one time axis, one row per kind of event, coloured as their nodes are in the network."""
    import datetime as dt  # noqa: PLC0415

    t = Text(b.lang)
    events = []
    for event in b.timeline:
        try:
            events.append((dt.date.fromisoformat(event.date[:10]), event))
        except ValueError:
            continue
    fig, ax = plt.subplots(figsize=(11, 4.2))
    if not events:
        ax.set_axis_off()
        ax.text(0.5, 0.5, t("empty"), ha="center", va="center", fontsize=14)
        return _png(fig)
    rows = {"listing": ("WatchlistEntry", 5), "incorporated": ("Company", 4), "notification": ("Notification", 3),
            "shipment": ("Shipment", 2), "inspection": ("Inspection", 1), "seizure": ("Seizure", 0)}
    for kind, (label, y) in rows.items():
        points = [float(mdates.date2num(d)) for d, e in events if e.kind == kind]
        if points:
            style = style_of(label)
            ax.scatter(points, [y] * len(points), s=80, c=style.color, marker=style.marker, edgecolors="#222222",
                       zorder=2, label=t.label(label))
    # Names only where they can be read: shipments are told by their row when there are many events.
    named = [(d, e) for d, e in events if len(events) <= 15 or e.kind != "shipment"][:30]
    for i, (day, event) in enumerate(named):
        y = rows.get(event.kind, ("", 0))[1]
        ax.annotate(_short(event.text.split(":", 1)[-1].strip() if event.kind in ("incorporated", "inspection") else
                           event.text.split(":")[0], 26), (float(mdates.date2num(day)), y),
                    xytext=(0, 8 + 11 * (i % 4)), textcoords="offset points", ha="center", fontsize=7.5,
                    bbox={"boxstyle": "round,pad=0.1", "fc": "white", "ec": "none", "alpha": 0.75})
    ax.xaxis_date()
    ax.set_yticks([])
    ax.set_ylim(-0.8, 6.4)
    ax.grid(axis="x", color="#dddddd")
    ax.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False, fontsize=9)
    fig.autofmt_xdate()
    return _png(fig)


def route_points(b: Briefing) -> list[list[dict[str, Any]]]:
    """Each shipment's route as its located ports in order: dicts with code, name, lat and lon."""
    routes = []
    for s in b.shipments:
        stops = [{"code": stop.code, "name": stop.name, "lat": stop.latitude, "lon": stop.longitude}
                 for stop in s.route if stop.latitude is not None and stop.longitude is not None]
        if len(stops) >= 2:
            routes.append(stops)
    return routes


def route_map_png(b: Briefing) -> bytes | None:
    """Routes of the shipments on a map; None when no shipment has two located ports.

    Drawn by the app's ``workbench.render.routes.route_map_png`` (coastlines and borders), so the app and
    the briefings show the same map; a plain longitude/latitude plot when that cannot draw here.
    """
    found = route_points(b)
    if not found:
        return None
    try:
        from workbench.render.routes import route_map_png as app_route_map  # noqa: PLC0415

        picture = app_route_map(found, lang=b.lang, size=(11, 5.5))
        if picture:
            return bytes(picture)
    except ImportError:
        pass
    routes = [[(str(p["name"]), float(p["lat"]), float(p["lon"])) for p in stops] for stops in found]
    # Across the Pacific, draw east of 180° rather than the long way round.
    crosses = any(abs(a[2] - b2[2]) > 180 for stops in routes for a, b2 in zip(stops, stops[1:]))
    if crosses:
        routes = [[(n, lat, lon + 360 if lon < 0 else lon) for n, lat, lon in stops] for stops in routes]
    fig, ax = plt.subplots(figsize=(11, 5.5))
    counts: dict[tuple[str, float, float], int] = {}
    for stops in routes:
        lons = [s[2] for s in stops]
        lats = [s[1] for s in stops]
        ax.plot(lons, lats, color=style_of("Shipment").color, alpha=0.55, linewidth=1.6, zorder=1)
        for stop in stops:
            counts[stop] = counts.get(stop, 0) + 1
    port = style_of("Port")
    for (name, lat, lon), count in counts.items():
        ax.scatter([lon], [lat], s=50 + 25 * min(count, 8), c=port.color, marker=port.marker,
                   edgecolors="#222222", zorder=2)
        ax.annotate(_short(name, 24), (lon, lat), xytext=(4, 4), textcoords="offset points", fontsize=8)
    ax.set_xlabel("longitude")
    ax.set_ylabel("latitude")
    ax.grid(color="#e5e5e5")
    ax.set_aspect("equal", adjustable="datalim")
    ax.margins(0.12)
    return _png(fig)


@dataclass
class Pictures:
    network: bytes
    timeline: bytes
    routes: bytes | None


def draw_all(b: Briefing) -> Pictures:
    return Pictures(network_png(b), timeline_png(b), route_map_png(b))
