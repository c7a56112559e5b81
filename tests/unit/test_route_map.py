"""The route map's frame and labels (issue 11: a 720×170 strip centred on the Atlantic, Mexican ports under the
legend, China–Mexico routes leaving the frame)."""

from __future__ import annotations

import io

from PIL import Image

from workbench.render.routes import crosses_pacific, frame_for, place_labels, route_map_png, shift, MAX_ASPECT

SHA = {"code": "CNSHA", "name": "Shanghai", "lat": 31.23, "lon": 121.47}
NGB = {"code": "CNNGB", "name": "Ningbo", "lat": 29.87, "lon": 121.55}
ZLO = {"code": "MXZLO", "name": "Manzanillo", "lat": 19.05, "lon": -104.32}
LZC = {"code": "MXLZC", "name": "Lázaro Cárdenas", "lat": 17.94, "lon": -102.18}
LAX = {"code": "USLAX", "name": "Los Angeles", "lat": 33.74, "lon": -118.26}
ROUTES = [[SHA, ZLO], [NGB, LZC], [SHA, LAX, ZLO]]


def shifted(pacific: bool) -> list[tuple[float, float]]:
    return [(p["lat"], shift(p["lon"], pacific)) for route in ROUTES for p in route]


def test_china_mexico_routes_are_framed_across_the_pacific() -> None:
    legs = [(a["lon"], b["lon"]) for route in ROUTES for a, b in zip(route, route[1:])]
    assert crosses_pacific(legs)
    frame = frame_for(shifted(True), True)
    assert frame.pacific and frame.west < 121.47 and frame.east > 360 - 104.32
    assert all(frame.contains(lat, lon) for lat, lon in shifted(True))
    # Framed on the routes, not the whole world, and never a thin strip.
    assert frame.east - frame.west < 200
    assert (frame.east - frame.west) / (frame.north - frame.south) <= MAX_ASPECT + 1e-9


def test_atlantic_routes_stay_in_the_usual_frame() -> None:
    ham = (53.55, 9.97)
    ver = (19.20, -96.13)
    assert not crosses_pacific([(ham[1], ver[1])])
    frame = frame_for([ham, ver], False)
    assert not frame.pacific and frame.contains(*ham) and frame.contains(*ver)


def test_neighbouring_mexican_ports_get_labels_that_do_not_overlap() -> None:
    frame = frame_for(shifted(True), True)
    ports = [(p["name"], p["lat"], shift(p["lon"], True)) for p in (SHA, NGB, ZLO, LZC, LAX)]
    placed = place_labels(ports, 11 * 72 * 0.96, 6.6 * 72 * 0.82, frame)
    assert {name for name, *_ in placed} == {name for name, *_ in ports}
    offsets = {name: offset for name, _, _, offset in placed}
    # Manzanillo and Lázaro Cárdenas are 2° apart: their labels go to different sides.
    assert offsets["Manzanillo"] != offsets["Lázaro Cárdenas"]


def test_the_map_is_a_readable_picture_not_a_strip() -> None:
    png = route_map_png(ROUTES, lang="es")
    with Image.open(io.BytesIO(png)) as img:
        width, height = img.size
    assert width >= 1200 and width / height < 2.0
