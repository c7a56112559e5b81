"""FollowTheMoney entities in: read through followthemoney's own model, so schema inheritance, partial dates and
country names are understood as OpenSanctions and other FtM producers write them.

Each entity is read into a followthemoney proxy (values cleaned by the property types: "1965" and "2011-04" stay
partial dates, "Kenya" becomes ``ke``). What the importer does with it depends on what its schema *is*
(``Schema.is_a``), not on its exact name: any LegalEntity that is not a Person (Company, Organization, PublicBody,
Airline...) becomes a company, any Person a person; Address, Sanction and the person-to-organisation links
(Directorship, Ownership, Employment, Membership) are read as such. Entities of every other schema known to
followthemoney (Identification, Family, UnknownLink, Occupancy, CryptoWallet, Event...) are counted and
reported as skipped, never a reason to reject the run. An unknown schema, a missing id, a named entity without
a name or a value a property type cannot read is a row problem naming file, row and property.
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from followthemoney import model
from followthemoney.schema import Schema

from workbench.ingest.readers import Table
from workbench.ingest.records import Problem, Record, reader_problems
from workbench.ingest.records import _too_long as too_long

#: The link schemata read as "person is an officer of organisation" (their parent schema name is kept).
LINKS = ("Directorship", "Ownership", "Employment", "Membership")
DATE_TYPE = "date"


def role_of(schema: Schema) -> str | None:
    """What the importer reads an entity of ``schema`` as: Person, Company, Address, Sanction, a link, or None."""
    if schema.is_a("Person"):
        return "Person"
    if schema.is_a("LegalEntity"):
        return "Company"
    for name in ("Address", "Sanction", *LINKS):
        if schema.is_a(name):
            return name
    return None


def validate(table: Table, problems: list[Problem],
             by_row: dict[int, list[Problem]]) -> tuple[list[Record], list[Problem], dict[int, list[Problem]]]:
    """Valid records of a FollowTheMoney file; rows of schemata the importer does not read are skipped, not wrong.

    A record's ``data`` holds ``schema`` (what it is read as: Person, Company, Address, Sanction or a link
    schema), ``ftmSchema`` (its own schema), cleaned ``properties`` and ``datasets``; skipped rows have
    ``schema`` None and count in :func:`skipped`.
    """
    records = []
    for number, item in table.rows:
        row_problems: list[Problem] = []
        if "_invalid" in item or not isinstance(item.get("id"), str) or not item.get("id"):
            row_problems.append(Problem(table.name, number, "id", "an entity needs a string id"))
        name = item.get("schema")
        schema = model.get(name) if isinstance(name, str) else None
        if schema is None:
            row_problems.append(Problem(table.name, number, "schema",
                                        f"schema {name!r} is not a FollowTheMoney schema"))
        raw = item.get("properties", {})
        if not isinstance(raw, dict) or not all(isinstance(v, list) for v in raw.values()):
            row_problems.append(Problem(table.name, number, "properties", "properties must map names to lists"))
            raw = {}
        if row_problems or schema is None:
            _reject(number, row_problems, problems, by_row)
            continue
        role = role_of(schema)
        texts = {k: [str(v) for v in vs if v is not None and str(v).strip()] for k, vs in raw.items()}
        known = {k: vs for k, vs in texts.items() if k in schema.properties}
        if role is not None:
            for prop, values in known.items():
                for value in values:
                    problem = too_long(prop, value)
                    if problem:
                        row_problems.append(Problem(table.name, number, f"properties.{prop}", problem))
        proxy = model.get_proxy({"id": item.get("id"), "schema": schema.name, "properties": known}, cleaned=False)
        clean: dict[str, list[str]] = {k: list(v) for k, v in proxy.to_dict()["properties"].items()}
        if role is not None:
            for prop, values in known.items():
                if schema.properties[prop].type.name == DATE_TYPE and len(clean.get(prop, [])) < len(set(values)):
                    bad = [v for v in values if v not in clean.get(prop, [])]
                    row_problems.append(Problem(table.name, number, f"properties.{prop}",
                                                f"{bad[0]!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)"))
            if role in ("Person", "Company") and not clean.get("name"):
                row_problems.append(Problem(table.name, number, "properties.name", "a named entity needs a name"))
        if row_problems:
            _reject(number, row_problems, problems, by_row)
            continue
        data = {"id": item["id"], "schema": role, "ftmSchema": schema.name, "properties": clean,
                "datasets": item.get("datasets") or []}
        records.append(Record("ftm", table.name, number, data, {"json": item}))
    return records, problems, by_row


def _reject(number: int, row_problems: list[Problem], problems: list[Problem],
            by_row: dict[int, list[Problem]]) -> None:
    by_row[number] = by_row.get(number, []) + row_problems
    problems.extend(row_problems)


def skipped(records: list[Record]) -> dict[str, int]:
    """Entities read but not imported, by schema: what the ingest report lists as skipped."""
    return dict(sorted(Counter(r.data["ftmSchema"] for r in records
                               if r.kind == "ftm" and r.data.get("schema") is None).items()))


def properties_of(record: Record) -> dict[str, Any]:
    """The cleaned properties of an FtM record (name -> list of values)."""
    props: dict[str, Any] = record.data["properties"]
    return props


def validate_table(table: Table) -> tuple[list[Record], list[Problem], dict[int, list[Problem]]]:
    """Valid records, every problem, and the problems of each rejected row of a FollowTheMoney file."""
    problems, by_row = reader_problems(table)
    return validate(table, problems, by_row)
