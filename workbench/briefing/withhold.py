"""The sharing variant: withhold chosen material from the briefing MODEL before anything is rendered.

What can be withheld: ``people`` (names of persons: they become "Person 1 [withheld]"), ``contacts`` (phone
numbers and e-mail addresses), ``notes`` (case notes and notes on seizures) and ``entity:KEY`` (an entity and
its links, removed). Withholding works in two passes:

1. :func:`apply` replaces or removes the withheld nodes, relinks what points at them to neutral keys,
   and remembers every identifying string of what it removed (names, aliases, numbers, keys, notes,
   accent-folded and slug forms too) in the spec — never in the model.
2. :func:`scrub` walks every string of the finished model and blanks any remaining occurrence of those
   strings, so sentences, evidence lists and titles written later cannot carry them either.

Renderers receive only the scrubbed model, so text, metadata, pictures, notes, alt text and file names
are all built from material that no longer holds the withheld strings.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any, Iterable

from workbench.briefing.types import Briefing, Entity, Link, Party, ProvenanceRow
from workbench.briefing.text import Text
from workbench.cases.saved import slugify
from workbench.errors import InputError

CHOICES = ("people", "contacts", "notes")
#: Properties that identify a node; their values become withheld strings.
IDENTIFYING = ("key", "name", "names", "aliases", "number", "raw", "address", "full", "registrationNumber",
               "website", "billOfLading", "recordId", "seizureId", "penId", "listId", "code", "birthDate",
               "searchText", "domain", "notes")
#: Strings shorter than this are not scrubbed from free text (they would blank ordinary words);
#: the nodes that carried them are still removed or renamed.
MIN_SCRUB = 3


@dataclass
class Withhold:
    """What to withhold. ``secrets`` is filled by :func:`apply` and never copied into the model."""

    people: bool = False
    contacts: bool = False
    notes: bool = False
    entities: list[str] = field(default_factory=list)
    secrets: set[str] = field(default_factory=set)

    @property
    def empty(self) -> bool:
        return not (self.people or self.contacts or self.notes or self.entities)


def parse(value: Any) -> Withhold:
    """A :class:`Withhold` from a Withhold, a list such as ``["people", "entity:company:x"]`` or a comma string."""
    if isinstance(value, Withhold):
        return value
    if value is None:
        return Withhold()
    items: Iterable[str] = value.split(",") if isinstance(value, str) else value
    spec = Withhold()
    for raw in items:
        item = str(raw).strip()
        if not item:
            continue
        if item in CHOICES:
            setattr(spec, item, True)
        elif item.startswith("entity:") and len(item) > len("entity:"):
            spec.entities.append(item[len("entity:"):])
        else:
            raise InputError(f"Cannot withhold {item!r}; choose people, contacts, notes or entity:KEY.")
    return spec


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def _values(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, (list, tuple, set)):
        return [str(v) for v in value if isinstance(v, (str, int, float)) and not isinstance(v, bool)]
    return []


def _remember(spec: Withhold, entity: Entity) -> None:
    found = [entity.key, entity.name]
    for prop in IDENTIFYING:
        found.extend(_values(entity.props.get(prop)))
    for text in found:
        text = str(text).strip()
        if not text:
            continue
        spec.secrets.update({text, _fold(text)})
        slug = slugify(text)
        if len(slug) >= MIN_SCRUB and "-" in slug:
            spec.secrets.add(slug)
        # Keys such as "person:ramon-villasenor" carry the name after the prefix.
        if ":" in text:
            spec.secrets.add(text.split(":", 1)[1])


def apply(b: Briefing, spec: Withhold) -> Briefing:
    """A copy of ``b`` without the withheld material (see the module docstring)."""
    t = Text(b.lang)
    b = dataclasses.replace(b)
    removed = {k for k in spec.entities}
    unknown = [k for k in spec.entities if b.entity(k) is None]
    if unknown and len(unknown) == len(spec.entities) and not (spec.people or spec.contacts or spec.notes):
        raise InputError(f"None of the entities to withhold ({', '.join(unknown)}) is in this briefing.")
    renamed: dict[str, tuple[str, str]] = {}  # old key -> (new key, new name)
    counters = {"Person": 0, "Phone": 0, "Email": 0}
    if spec.notes:
        notes = [b.notes] + [z.notes for z in b.seizures] + [str(e.props.get("notes") or "") for e in b.entities]
        notes += [str(link.props.get("notes") or "") for link in b.links]
        for note in notes:
            for piece in [note] + note.splitlines():
                if piece.strip():
                    spec.secrets.add(piece.strip())
                    spec.secrets.add(_fold(piece.strip()))
    entities: list[Entity] = []
    for e in b.entities:
        if e.key in removed:
            _remember(spec, e)
            continue
        kind = e.kind
        if (kind == "Person" and spec.people) or (kind in ("Phone", "Email") and spec.contacts):
            _remember(spec, e)
            counters[kind] += 1
            n = counters[kind]
            placeholder = t(f"withheld.{kind.lower()}", n=n)
            new_key = f"withheld:{kind.lower()}-{n}"
            renamed[e.key] = (new_key, placeholder)
            entities.append(Entity(new_key, [kind], placeholder, {}, e.core))
            continue
        props = dict(e.props)
        if spec.notes:
            props.pop("notes", None)
        entities.append(Entity(e.key, list(e.labels), e.name, props, e.core, e.context))
    # Removed entities are also remembered when they are only named as parties (outside the neighbourhood).
    placeholder = t("withheld.placeholder")

    def party(p: Party) -> Party | None:
        if p.key in removed:
            spec.secrets.update({p.name, _fold(p.name), p.key})
            return Party("withheld:entity", placeholder)
        if p.key in renamed:
            return Party(*renamed[p.key])
        return p

    b.entities = entities
    links = []
    for link in b.links:
        if link.source in removed or link.target in removed:
            continue
        source = renamed.get(link.source, (link.source,))[0]
        target = renamed.get(link.target, (link.target,))[0]
        props = {k: v for k, v in link.props.items() if not (spec.notes and k == "notes")}
        links.append(Link(source, target, link.type, props))
    b.links = links
    b.shipments = [dataclasses.replace(s, shippers=[p for p in map(party, s.shippers) if p],
                                       consignees=[p for p in map(party, s.consignees) if p],
                                       brokers=[p for p in map(party, s.brokers) if p])
                   for s in b.shipments if s.key not in removed]
    for s in [s for s in b.shipments if s.key in removed]:
        spec.secrets.add(s.bill)
    b.seizures = [dataclasses.replace(z, notes="" if spec.notes else z.notes) for z in b.seizures
                  if z.key not in removed]
    b.notifications = [dataclasses.replace(n, exporters=[p for p in map(party, n.exporters) if p],
                                           importers=[p for p in map(party, n.importers) if p])
                       for n in b.notifications if n.key not in removed]
    provenance = []
    for row in b.provenance:
        if row.key in removed:
            continue
        if row.key in renamed:
            key, name = renamed[row.key]
            row = ProvenanceRow(key, name, row.files, [], row.runs, row.first, row.last)
        provenance.append(row)
    b.provenance = provenance
    if spec.notes:
        b.notes = ""

    notices = [t("withheld.intro")]
    if spec.people:
        notices.append(t("withheld.people", count=counters["Person"]))
    if spec.contacts:
        notices.append(t("withheld.contacts", phones=counters["Phone"], emails=counters["Email"]))
    if spec.notes:
        notices.append(t("withheld.notes"))
    if spec.entities:
        notices.append(t("withheld.entities", count=len(spec.entities)))
    b.withheld = notices
    spec.secrets = {s for s in spec.secrets if len(s) >= MIN_SCRUB}
    return scrub(b, spec)


def _pattern(spec: Withhold) -> re.Pattern[str] | None:
    secrets = sorted(spec.secrets, key=len, reverse=True)
    if not secrets:
        return None
    return re.compile("|".join(re.escape(s) for s in secrets), re.IGNORECASE)


def _walk(value: Any, fix: Any) -> Any:
    if isinstance(value, str):
        return fix(value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {f.name: _walk(getattr(value, f.name), fix) for f in dataclasses.fields(value)}
        return dataclasses.replace(value, **changes)
    if isinstance(value, list):
        return [_walk(v, fix) for v in value]
    if isinstance(value, tuple):
        return tuple(_walk(v, fix) for v in value)
    if isinstance(value, dict):
        return {_walk(k, fix): _walk(v, fix) for k, v in value.items()}
    return value


def scrub(b: Briefing, spec: Withhold) -> Briefing:
    """Blank every remaining occurrence of a withheld string in every text of the model."""
    pattern = _pattern(spec)
    if pattern is None:
        return b
    placeholder = Text(b.lang)("withheld.placeholder")

    def fix(text: str) -> str:
        text = pattern.sub(placeholder, text)
        folded = _fold(text)
        if folded != text and pattern.search(folded):
            # An accented spelling of a withheld string: blank the whole text rather than guess the span.
            return placeholder
        return text

    cleaned = _walk(b, fix)
    cleaned.slug = slugify(cleaned.slug) or "briefing"
    return cleaned


def leaks(texts: Iterable[str], secrets: Iterable[str]) -> list[str]:
    """The withheld strings found in ``texts`` (case-insensitive): the check tests run on every output."""
    haystack = "\n".join(texts).lower()
    return sorted({s for s in secrets if s and s.lower() in haystack})
