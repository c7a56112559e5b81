"""Pure normalisers for the free text found in manifests, registries, PENs and watch lists.

Each function turns one messy value into a comparable key or a canonical form, or says it cannot
(``None`` for "absent or not recognisable", ``ValueError`` only where garbage must be reported).
They normalise; they do not resolve: deciding that two keys are the same company happens elsewhere.

One module per value type; their word lists and tables are data files in workbench/data/normalize/.
"""

from __future__ import annotations

from typing import Any

from workbench.normalize._text import fold, latin
from workbench.normalize.addresses import address_key
from workbench.normalize.cas import cas_normalize, cas_valid
from workbench.normalize.countries import country_code, country_name
from workbench.normalize.dates import parse_date, parse_partial_date
from workbench.normalize.emails import email_norm
from workbench.normalize.hs import hs_chapter_heading, hs_normalize
from workbench.normalize.names import company_name_key, legal_form, legal_forms_compatible
from workbench.normalize.numbers import parse_number
from workbench.normalize.persons import person_name_key
from workbench.normalize.phones import phone_e164
from workbench.normalize.ports import (AIRPORTS_FILE, PORTS_FILE, Port, airport_code, airport_for_locode, airports,
                                      is_iata_code, load_airports, load_ports, port_code, ports)

__all__ = [
    "AIRPORTS_FILE",
    "PORTS_FILE",
    "Port",
    "address_key",
    "airport_code",
    "airport_for_locode",
    "airports",
    "cas_normalize",
    "cas_valid",
    "company_name_key",
    "country_code",
    "country_name",
    "email_norm",
    "fold",
    "hs_chapter_heading",
    "hs_normalize",
    "is_iata_code",
    "latin",
    "legal_form",
    "legal_forms_compatible",
    "load_airports",
    "load_ports",
    "parse_date",
    "parse_number",
    "parse_partial_date",
    "person_name_key",
    "phone_e164",
    "port_code",
    "ports",
]


def __getattr__(name: str) -> Any:
    """``PORTS`` is the port table and ``_COUNTRIES`` our country table, both loaded on first use."""
    if name == "PORTS":
        return ports()
    if name == "_COUNTRIES":
        from workbench.normalize.countries import _table  # noqa: PLC0415

        return _table()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
