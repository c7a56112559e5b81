"""Ports by UN/LOCODE-style code or name, from workbench/data/ports.yaml."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping

import yaml

from workbench.errors import ModelError
from workbench.normalize._text import fold
from workbench.normalize.countries import country_code, country_name

__all__ = ["PORTS_FILE", "Port", "load_ports", "port_code", "ports"]

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
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError as e:
        raise ModelError(f"{path}: ports file not found; restore it from the repository.") from e
    except yaml.YAMLError as e:
        raise ModelError(f"{path}: not valid YAML ({e}); fix the file and retry.") from e
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
def ports() -> dict[str, Port]:
    """The port table from workbench/data/ports.yaml, loaded and validated once."""
    return load_ports()


@functools.lru_cache(maxsize=1)
def _port_alias_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for port in ports().values():
        for alias in _port_spellings(port):
            index[alias] = port.code
    return index


def port_code(raw: str | None) -> str | None:
    """The UN/LOCODE-style code of a port given as a code ("MX ZLO", "mxzlo") or a name ("Lázaro Cárdenas").

    None when the port is not in workbench/data/ports.yaml.
    """
    if not raw:
        return None
    table = ports()
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
