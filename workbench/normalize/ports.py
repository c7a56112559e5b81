"""Ports by UN/LOCODE-style code or name, from workbench/data/ports.yaml, and airports by IATA code or name, from
workbench/data/normalize/airports.yaml.

An airport is a Port like a seaport (``port:<code>``), its code the three-letter IATA code air waybills and courier
declarations write. The airports table names the UN/LOCODE-style code ports.yaml gives the same airport, so that a
manifest naming ``MXNLU`` and an air waybill naming ``NLU`` reach one node.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping


from workbench.errors import ModelError
from workbench.normalize._text import fold
from workbench.normalize.countries import country_code, country_name
from workbench.datafiles import read_yaml

__all__ = ["AIRPORTS_FILE", "PORTS_FILE", "Port", "airport_code", "airport_for_locode", "airports", "is_iata_code",
           "load_airports", "load_ports", "port_code", "ports"]

PORTS_FILE = Path(__file__).resolve().parent.parent / "data" / "ports.yaml"


@dataclass(frozen=True)
class Port:
    """A sea or air port known by its UN/LOCODE-style code, with coordinates for the route map."""

    code: str
    name: str
    country: str
    lat: float
    lon: float
    kind: str
    aliases: tuple[str, ...] = ()


_PORT_KINDS = ("seaport", "airport", "land")


def _port_problem(path: Path, i: int, code: object, field: str, reason: str) -> ModelError:
    return ModelError(f"{path}: port #{i + 1} ({code}): field {field!r}: {reason}; fix the file and retry.")


def load_ports(path: Path | None = None) -> dict[str, Port]:
    """Read and validate a ports file (default: workbench/data/ports.yaml); bad data raises ModelError."""
    path = Path(path) if path else PORTS_FILE
    data = read_yaml(path, "the ports file")
    if not isinstance(data, Mapping) or not isinstance(data.get("ports"), list):
        raise ModelError(f"{path}: expected a mapping with a 'ports' list; fix the file and retry.")
    out: dict[str, Port] = {}
    seen_alias: dict[str, str] = {}
    for i, entry in enumerate(data["ports"]):
        if not isinstance(entry, Mapping):
            raise _port_problem(path, i, "?", "-", "entry is not a mapping")
        code = entry.get("code")
        if not isinstance(code, str) or not re.fullmatch(r"[A-Z]{2}[A-Z2-9]{3}", code):
            raise _port_problem(path, i, code, "code", "must be five capitals like MXZLO")
        if code in out:
            raise _port_problem(path, i, code, "code", "duplicate code")
        name = entry.get("name")
        if not isinstance(name, str) or not name.strip():
            raise _port_problem(path, i, code, "name", "missing")
        country = entry.get("country")
        if country != code[:2] or country_code(country) != country:
            raise _port_problem(path, i, code, "country", f"must be the code's first two letters, a known country")
        lat, lon = entry.get("lat"), entry.get("lon")
        if not isinstance(lat, (int, float)) or not -90 <= lat <= 90:
            raise _port_problem(path, i, code, "lat", "must be a number between -90 and 90")
        if not isinstance(lon, (int, float)) or not -180 <= lon <= 180:
            raise _port_problem(path, i, code, "lon", "must be a number between -180 and 180")
        kind = entry.get("kind", "seaport")
        if kind not in _PORT_KINDS:
            raise _port_problem(path, i, code, "kind", f"must be one of {', '.join(_PORT_KINDS)}")
        aliases = entry.get("aliases") or []
        if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
            raise _port_problem(path, i, code, "aliases", "must be a list of names")
        port = Port(code, name, country, float(lat), float(lon), kind, tuple(aliases))
        for alias in _port_spellings(port):
            other = seen_alias.get(alias)
            if other is not None and other != code:
                raise _port_problem(path, i, code, "aliases", f"{alias!r} also names {other}")
            seen_alias[alias] = code
        out[code] = port
    return out


def _port_spellings(port: Port) -> list[str]:
    names_ = [port.name, *port.aliases]
    en, es = country_name(port.country, "en"), country_name(port.country, "es")
    out = []
    for n in names_:
        f = fold(n)
        out.append(f)
        for suffix in (en, es, port.country):
            if suffix:
                out.append(f"{f} {fold(suffix)}")
    return list(dict.fromkeys(out))


@functools.lru_cache(maxsize=1)
def _port_table() -> dict[str, Port]:
    return load_ports()


@functools.lru_cache(maxsize=1)
def ports() -> dict[str, Port]:
    """Every known place by code, loaded and validated once: workbench/data/ports.yaml by UN/LOCODE-style code and
    the airports by IATA code (three letters, so the two never collide)."""
    return {**_port_table(), **airports()}


@functools.lru_cache(maxsize=1)
def _port_alias_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for port in _port_table().values():
        for alias in _port_spellings(port):
            index[alias] = port.code
    return index


def port_code(raw: str | None) -> str | None:
    """The UN/LOCODE-style code of a port given as a code ("MX ZLO", "mxzlo") or a name ("Lázaro Cárdenas").

    None when the port is not in workbench/data/ports.yaml.
    """
    if not raw:
        return None
    table = _port_table()
    compact = re.sub(r"[\s.-]", "", str(raw)).upper()
    if compact in table:
        return compact
    key = fold(str(raw))
    index = _port_alias_index()
    if key in index:
        return index[key]
    for prefix in ("port of ", "puerto de ", "puerto ", "aeropuerto ", "aeropuerto internacional ",
                   "airport ", "terminal "):
        if key.startswith(prefix) and key[len(prefix):] in index:
            return index[key[len(prefix):]]
    return None


AIRPORTS_FILE = Path(__file__).resolve().parent.parent / "data" / "normalize" / "airports.yaml"
_IATA = re.compile(r"[A-Z]{3}")


def _airport_problem(path: Path, i: int, code: object, field: str, reason: str) -> ModelError:
    return ModelError(f"{path}: airport #{i + 1} ({code}): field {field!r}: {reason}; fix the file and retry.")


def load_airports(path: Path | None = None) -> dict[str, tuple[Port, str | None]]:
    """Read and validate an airports file: IATA code -> (the airport as a Port, its UN/LOCODE-style code or None)."""
    path = Path(path) if path else AIRPORTS_FILE
    data = read_yaml(path, "the airports file")
    if not isinstance(data, Mapping) or not isinstance(data.get("airports"), list):
        raise ModelError(f"{path}: expected a mapping with an 'airports' list; fix the file and retry.")
    out: dict[str, tuple[Port, str | None]] = {}
    for i, entry in enumerate(data["airports"]):
        if not isinstance(entry, Mapping):
            raise _airport_problem(path, i, "?", "-", "entry is not a mapping")
        code = entry.get("code")
        if not isinstance(code, str) or not _IATA.fullmatch(code):
            raise _airport_problem(path, i, code, "code", "must be three capitals, the IATA code (e.g. NLU)")
        if code in out:
            raise _airport_problem(path, i, code, "code", "duplicate code")
        name = entry.get("name")
        if not isinstance(name, str) or not name.strip():
            raise _airport_problem(path, i, code, "name", "missing")
        country = entry.get("country")
        if not isinstance(country, str) or country_code(country) != country:
            raise _airport_problem(path, i, code, "country", "must be an ISO 3166 alpha-2 code")
        lat, lon = entry.get("lat"), entry.get("lon")
        if not isinstance(lat, (int, float)) or not -90 <= lat <= 90:
            raise _airport_problem(path, i, code, "lat", "must be a number between -90 and 90")
        if not isinstance(lon, (int, float)) or not -180 <= lon <= 180:
            raise _airport_problem(path, i, code, "lon", "must be a number between -180 and 180")
        locode = entry.get("locode")
        if locode is not None and (not isinstance(locode, str) or not re.fullmatch(r"[A-Z]{2}[A-Z2-9]{3}", locode)
                                   or locode[:2] != country):
            raise _airport_problem(path, i, code, "locode", "must be the five-letter UN/LOCODE of the airport's country")
        aliases = entry.get("aliases") or []
        if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
            raise _airport_problem(path, i, code, "aliases", "must be a list of names")
        out[code] = (Port(code, name, country, float(lat), float(lon), "airport", tuple(aliases)), locode)
    return out


@functools.lru_cache(maxsize=1)
def _airport_table() -> dict[str, tuple[Port, str | None]]:
    return load_airports()


def airports() -> dict[str, Port]:
    """The airports table by IATA code, loaded and validated once."""
    return {code: port for code, (port, _) in _airport_table().items()}


@functools.lru_cache(maxsize=1)
def _airport_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for code, (port, locode) in _airport_table().items():
        for spelling in (port.name, *port.aliases, *([locode] if locode else [])):
            index.setdefault(fold(spelling), code)
    return index


def is_iata_code(text: str) -> bool:
    """Three letters: the form of an IATA airport code (known to the table or not)."""
    return bool(_IATA.fullmatch(text.strip().upper()))


def airport_code(raw: str | None) -> str | None:
    """The IATA code of an airport given as its code ("nlu", "NLU"), its UN/LOCODE ("MXNLU") or a name ("AIFA",
    "Felipe Ángeles"); None when it is neither three letters nor a name the table knows."""
    if not raw or not str(raw).strip():
        return None
    text = str(raw).strip()
    compact = re.sub(r"[\s.-]", "", text).upper()
    if compact in _airport_table():
        return compact
    key = fold(text)
    index = _airport_index()
    for candidate in (key, *(key[len(p):] for p in ("aeropuerto internacional ", "aeropuerto ", "airport ")
                             if key.startswith(p))):
        if candidate in index:
            return index[candidate]
    return compact if _IATA.fullmatch(compact) else None


def airport_for_locode(locode: str) -> str | None:
    """The IATA code of the airport ports.yaml names ``locode`` (e.g. MXNLU -> NLU), or None."""
    for code, (_, known) in _airport_table().items():
        if known == locode:
            return code
    return None
