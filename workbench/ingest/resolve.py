"""Entity resolution: decide which mentions of a company (or person) are one real entity.

Conservative by design, because a wrong merge accuses the wrong firm:

1. **Blocking on the name key** (:func:`workbench.normalize.company_name_key`, which removes case, accents,
   punctuation and legal forms): mentions with the same key in the same country are candidates.
2. **Legal form is identity**: "X, S.A. de C.V." and "X, S. de R.L. de C.V." share a name key but are two legal
   persons (:func:`workbench.normalize.legal_forms_compatible`); they join only on other evidence: a shared
   registration number, address, phone or e-mail. A mention without a legal form may join either.
3. **Place check**: within a block, two mentions are the same firm only when their cities are
   compatible: the place words of the addresses (the last two comma parts after the street) are
   unknown on one side, one contains the other, or they overlap with Jaccard >= 0.5.
   "Same name, different city" stays two entities.
4. **Fuzzy names need corroboration**: clusters whose name keys differ are merged only within the
   same country, with a rapidfuzz ``token_sort_ratio`` >= :data:`FUZZY_THRESHOLD` *and* a shared
   identifier (phone, e-mail, address, registration number) that is not a hub (held by more than
   :data:`HUB_SIZE` entities) and compatible legal forms. Candidates are blocked by identifier.
5. **People are not firms**: a person's name, however rare it looks, is never enough. A person mention joins a
   person entity of the same name key only on shared evidence: the same firm (``firm:`` + company key), a
   contact point of that firm (its phone, e-mail, address or registration number, so the same administrator
   of two firms that share a phone is one person), a birth date, an identity number, or the person's own
   phone, e-mail or address. "Wang Wei" at two unrelated firms stays two people. Similar (not equal) names
   join only on a birth date or identity number. The reason says which evidence joined them.
6. **Manual decisions win**: merges and splits recorded by investigators (``ResolutionDecision`` nodes)
   are applied after the automatic pass, so they survive re-ingest.

Entities already in the store are seeded first, so re-ingest and new bundles resolve into the same keys.
Every entity keeps all source spellings (``names``) and the reasons its mentions were merged (``resolution``).
"""

from __future__ import annotations

import functools
import re
from array import array
from dataclasses import dataclass, field
from typing import Any, Iterable

from rapidfuzz import fuzz

from workbench import normalize as nz

FUZZY_THRESHOLD = 88
#: An identifier held by more entities than this is a hub (a registered-agent address, a business centre's phone):
#: it never corroborates a fuzzy name.
HUB_SIZE = 3
PLACE_JACCARD = 0.5

_PLACE_STOP = {
    "st", "av", "rd", "carr", "hwy", "blvd", "rm", "fl", "bldg", "tower", "center", "dist", "col", "fracc", "ind",
    "park", "zone", "prov", "blk", "lot", "n", "s", "e", "w", "city", "ciudad", "province", "district", "county",
    "state", "estado", "municipio", "mun", "road", "street", "no", "de", "del", "la", "el", "cp", "zip", "pr",
}


@functools.lru_cache(maxsize=200_000)
def company_key_of(name: str) -> str:
    return nz.company_name_key(name)


@functools.lru_cache(maxsize=200_000)
def legal_form_of(name: str) -> str | None:
    return nz.legal_form(name)


@functools.lru_cache(maxsize=200_000)
def person_key_of(name: str) -> str:
    return nz.person_name_key(name)


@functools.lru_cache(maxsize=200_000)
def place_tokens(address: str | None, city: str | None = None) -> frozenset[str]:
    """The place words of an address: the comma parts after the street, minus numbers and country names."""
    text = city or address or ""
    if not text.strip():
        return frozenset()
    parts = [p for p in re.split(r"[,\n]", text) if p.strip()]
    if not city and len(parts) > 1 and (len(parts) > 2 or any(ch.isdigit() for ch in parts[0])):
        parts = parts[1:]  # the street comes first
    parts = parts[-2:]  # city and region last
    tokens = set()
    for part in parts:
        for tok in nz.fold(part).split():
            if tok.isdigit() or any(ch.isdigit() for ch in tok) or tok in _PLACE_STOP or len(tok) < 2:
                continue
            if len(tok) > 2 and nz.country_code(tok):
                continue
            tokens.add(tok)
    for code_like in [t for t in tokens if len(t) == 2]:
        if nz.country_code(code_like):
            tokens.discard(code_like)
    return frozenset(tokens)


def places_compatible(a: frozenset[str], b: frozenset[str]) -> bool:
    if not a or not b or a <= b or b <= a:
        return True
    return len(a & b) / len(a | b) >= PLACE_JACCARD


def name_similarity(a: str, b: str) -> float:
    """0-100: word-order-insensitive, and blind to spacing ("hua xin" / "huaxin")."""
    return max(fuzz.token_sort_ratio(a, b), fuzz.ratio(a.replace(" ", ""), b.replace(" ", "")))


def slug(text: str) -> str:
    return "-".join(text.split()) or "unnamed"


@dataclass
class Mention:
    """One appearance of a party in one row."""

    label: str  # Company or Person
    name: str
    country: str | None
    ref: str
    places: frozenset[str] = frozenset()
    identifiers: frozenset[str] = frozenset()

    @property
    def name_key(self) -> str:
        return company_key_of(self.name) if self.label == "Company" else person_key_of(self.name)

    @property
    def form(self) -> str | None:
        return legal_form_of(self.name) if self.label == "Company" else None


@dataclass
class Entity:
    key: str
    label: str
    country: str | None
    name: str
    names: list[str] = field(default_factory=list)
    name_keys: set[str] = field(default_factory=set)
    places: set[str] = field(default_factory=set)
    identifiers: set[str] = field(default_factory=set)
    resolution: list[str] = field(default_factory=list)
    mentions: int = 0
    existing: bool = False
    merged_from: int = 0

    def add_reason(self, reason: str) -> None:
        if reason not in self.resolution:
            self.resolution.append(reason)

    def add_name(self, name: str) -> None:
        if name not in self.names:
            self.names.append(name)

    @property
    def forms(self) -> set[str]:
        """The canonical legal forms its company names carry (empty for people and form-less names)."""
        if self.label != "Company":
            return set()
        return {f for f in (legal_form_of(n) for n in self.names) if f}

    def form_fits(self, form: str | None) -> bool:
        """True when a mention with legal form ``form`` may be this firm (see legal_forms_compatible)."""
        return all(nz.legal_forms_compatible(f, form) for f in self.forms)


#: Identifier kinds strong enough to join people whose names are similar but not equal.
PERSON_FUZZY_EVIDENCE = ("birth:", "id:")


def _person_evidence(shared: Iterable[str]) -> str:
    """What joined two person mentions, in words: "the same firm company:cn:x", "birth date 1979-03-14"..."""
    words = {"firm": "the same firm", "birth": "birth date", "id": "identity number", "phone": "phone",
             "email": "e-mail", "address": "address", "reg": "a firm's registration number"}
    out = []
    for ident in sorted(shared, key=lambda i: (not i.startswith("firm:"), i))[:3]:
        kind, _, value = ident.partition(":")
        out.append(f"{words.get(kind, kind)} {value}")
    return "; ".join(out)


def firm_evidence(firm: Entity) -> set[str]:
    """What an officer mention carries from its firm: the firm itself and the firm's contact points."""
    return {f"firm:{firm.key}"} | {i for i in firm.identifiers if i.split(":", 1)[0] in ("phone", "email", "reg",
                                                                                         "address")}


def _evidence(shared: Iterable[str]) -> str:
    """The shared identifiers named for a resolution reason, e.g. "phone +525512345678"."""
    return ", ".join(i.replace(":", " ", 1) for i in sorted(shared)[:3])


@dataclass(frozen=True)
class Decision:
    """A manual merge (``sources`` into ``target``) or split (``names`` of ``source`` into ``target``)."""

    kind: str
    target: str
    sources: tuple[str, ...] = ()
    names: tuple[str, ...] = ()


class Resolver:
    """Resolve the mentions of one label against each other and against the store's entities."""

    def __init__(self, label: str, existing: Iterable[dict[str, Any]] = (), decisions: Iterable[Decision] = ()) -> None:
        self.label = label
        self.prefix = label.lower()
        self.entities: dict[str, Entity] = {}
        self._blocks: dict[tuple[str, str], list[str]] = {}
        self._by_name_key: dict[str, set[str]] = {}
        self._keys_taken: set[str] = set()
        self.decisions = list(decisions)
        # Entities made by a manual split receive mentions only through their decision, never by name.
        self._split_targets = {d.target for d in self.decisions if d.kind == "split"}
        # Pairs an investigator rejected in the review queue: never merged automatically.
        self._distinct = {frozenset((d.target, s)) for d in self.decisions if d.kind == "distinct" for s in d.sources}
        self.created = 0
        self.merged = 0
        for row in existing:
            entity = Entity(row["key"], label, row.get("country"), row.get("name") or row["key"],
                            list(row.get("names") or []), set(row.get("nameKeys") or []),
                            set(row.get("places") or []), set(row.get("identifiers") or []),
                            list(row.get("resolution") or []), existing=True)
            self._index(entity)

    def _index(self, entity: Entity) -> None:
        self.entities[entity.key] = entity
        self._keys_taken.add(entity.key)
        if entity.key in self._split_targets:
            return
        for nk in entity.name_keys:
            self._blocks.setdefault((entity.country or "", nk), []).append(entity.key)
            self._by_name_key.setdefault(nk, set()).add(entity.key)

    def _new_key(self, mention: Mention, name_key: str) -> str:
        base = f"{self.prefix}:{(mention.country or 'xx').lower()}:{slug(name_key)}"
        if base not in self._keys_taken:
            return base
        holder = self.entities.get(base)
        if mention.form and holder is not None and not holder.form_fits(mention.form):
            candidate = f"{base}:{slug(nz.fold(mention.form))}"  # a sibling under another legal form
            if candidate not in self._keys_taken:
                return candidate
        if mention.places:
            candidate = f"{base}:{slug(' '.join(sorted(mention.places)))}"
            if candidate not in self._keys_taken:
                return candidate
        n = 2
        while f"{base}:{n}" in self._keys_taken:
            n += 1
        return f"{base}:{n}"

    def resolve(self, mentions: list[Mention]) -> list[str]:
        """The entity key of each mention, in order."""
        # Located mentions with a country first, then those without places, then those without a country, each in
        # row order: a stable partition (four arrays of ints, not a sorted list of tuples: a million rows give
        # millions of mentions).
        buckets = [array("l") for _ in range(4)]
        for i, m in enumerate(mentions):
            buckets[2 * (m.country is None) + (not m.places)].append(i)
        keys: list[str] = [""] * len(mentions)
        for bucket in buckets:
            for i in bucket:
                keys[i] = self._place(mentions[i])
        self._fuzzy_pass(keys)
        self._apply_decisions(mentions, keys)
        return keys

    def _place(self, m: Mention) -> str:
        nk = m.name_key or m.name.strip().lower()
        if self.label == "Person":
            return self._place_person(m, nk)
        country = m.country
        form = m.form
        if country is None:
            # A party named without a country (notify party, broker) joins the one firm of that name, if one.
            candidates = [k for k in self._by_name_key.get(nk, set()) if self.entities[k].form_fits(form)]
            if len(candidates) == 1:
                entity = self.entities[candidates[0]]
                self._attach(entity, m, nk, f"same name key {nk!r}{self._form_note(entity, form)}; "
                             "the mention gives no country")
                return entity.key
        block = self._blocks.get((country or "", nk), [])
        if m.identifiers:
            # The same name and a shared address, phone, e-mail or registration number: the same firm, however
            # differently the address was cut into places, and even under another legal form.
            sharing = [k for k in block if self.entities[k].identifiers & m.identifiers]
            if len(sharing) == 1:
                entity = self.entities[sharing[0]]
                shared = entity.identifiers & m.identifiers
                note = "" if entity.form_fits(form) else f" (legal forms {', '.join(sorted(entity.forms))} / {form})"
                self._attach(entity, m, nk, f"same name key {nk!r} and a shared identifier: {_evidence(shared)}{note}")
                return entity.key
        block = [k for k in block if self.entities[k].form_fits(form)]
        compatible = [k for k in block if places_compatible(frozenset(self.entities[k].places), m.places)]
        if m.places:
            # A located mention joins a located entity before an unlocated one, so that re-ingesting a bundle
            # resolves it the same way as the first time (when the unlocated entity did not exist yet).
            located = [k for k in compatible if self.entities[k].places]
            compatible = located or compatible
        elif len(compatible) > 1:
            sharing = [k for k in compatible if self.entities[k].identifiers & m.identifiers]
            compatible = sharing if len(sharing) == 1 else [k for k in compatible if not self.entities[k].places][:1]
        if compatible:
            entity = self.entities[compatible[0]]
            where = f" in {country}" if country else ""
            self._attach(entity, m, nk, f"same name key {nk!r}{self._form_note(entity, form)}{where}"
                         + (" and compatible city" if m.places and entity.places else ""))
            return entity.key
        return self._create(m, nk)

    def _place_person(self, m: Mention, nk: str) -> str:
        # Within a country any shared evidence joins; across borders only papers do (a birth date, an identity
        # number): a firm's phone shared by a Hong Kong arm and its mainland parent is the firms' link, for the
        # detectors to weigh, not proof that two registries name one director.
        sharing = [k for k in sorted(self._by_name_key.get(nk, set()))
                   if any(i.startswith(PERSON_FUZZY_EVIDENCE) or m.country is None
                          or self.entities[k].country in (None, m.country)
                          for i in self.entities[k].identifiers & m.identifiers)]
        if sharing:
            entity = self.entities[sharing[0]]
            shared = entity.identifiers & m.identifiers
            self._attach(entity, m, nk, f"same name key {nk!r} and {_person_evidence(shared)}")
            return entity.key
        return self._create(m, nk)

    @staticmethod
    def _form_note(entity: Entity, form: str | None) -> str:
        return f" and legal form {form}" if form and entity.forms else ""

    def _create(self, m: Mention, nk: str) -> str:
        country = m.country
        key = self._new_key(m, nk)
        entity = Entity(key, self.label, country, m.name)
        self.created += 1
        self._index(entity)
        self._attach(entity, m, nk, None)
        self._blocks.setdefault((country or "", nk), [])
        if key not in self._blocks[(country or "", nk)]:
            self._blocks[(country or "", nk)].append(key)
        self._by_name_key.setdefault(nk, set()).add(key)
        return key

    def _attach(self, entity: Entity, m: Mention, nk: str, reason: str | None) -> None:
        if reason and entity.names and m.name not in entity.names:
            entity.add_reason(f"{m.name!r}: {reason}")
        entity.add_name(m.name)
        entity.name_keys.add(nk)
        if not entity.places and m.places:
            entity.places |= m.places
        entity.identifiers |= m.identifiers
        entity.mentions += 1

    def _fuzzy_pass(self, keys: list[str]) -> None:
        """Merge clusters of different name keys that share an identifier, a country and a close name."""
        by_identifier: dict[str, list[str]] = {}
        for entity in self.entities.values():
            for ident in entity.identifiers:
                by_identifier.setdefault(ident, []).append(entity.key)
        parent: dict[str, str] = {}

        def find(k: str) -> str:
            while parent.get(k, k) != k:
                k = parent[k]
            return k

        for ident, group in sorted(by_identifier.items()):
            if len(group) < 2 or len(group) > HUB_SIZE:
                continue  # an address or phone many firms give (a registered agent, a business centre) proves nothing
            for i, a_key in enumerate(group):
                for b_key in group[i + 1:]:
                    ra, rb = find(a_key), find(b_key)
                    if ra == rb:
                        continue
                    a, b = self.entities[ra], self.entities[rb]
                    if a.existing and b.existing or not a.country or a.country != b.country:
                        continue
                    if frozenset((ra, rb)) in self._distinct:
                        continue  # rejected by an investigator in the review queue
                    if self.label == "Person" and not ident.startswith(PERSON_FUZZY_EVIDENCE):
                        continue  # a similar name at the same firm is another person unless papers say otherwise
                    if not places_compatible(frozenset(a.places), frozenset(b.places)):
                        continue
                    if not all(nz.legal_forms_compatible(x, y) for x in a.forms for y in b.forms):
                        continue  # another name and another legal form: two firms
                    score = max(name_similarity(x, y) for x in a.name_keys for y in b.name_keys)
                    if score < FUZZY_THRESHOLD:
                        continue
                    rank = sorted((a, b), key=lambda e: (not e.existing, -e.mentions, e.key))
                    keep, drop = rank[0], rank[1]
                    parent[drop.key] = keep.key
                    for name in drop.names:
                        keep.add_name(name)
                    keep.name_keys |= drop.name_keys
                    keep.identifiers |= drop.identifiers
                    keep.mentions += drop.mentions
                    for reason in drop.resolution:
                        keep.add_reason(reason)
                    keep.add_reason(f"similar name ({score:.0f}/100: {sorted(drop.name_keys)[0]!r}) in {keep.country} "
                                    f"sharing {_evidence([ident])}")
                    self.merged += 1
                    self.created -= 1
        if parent:
            for i, k in enumerate(keys):
                keys[i] = find(k)
            for k in list(parent):
                self.entities.pop(k, None)

    def _apply_decisions(self, mentions: list[Mention], keys: list[str]) -> None:
        for decision in self.decisions:
            if decision.kind == "split":
                source = decision.sources[0] if decision.sources else ""
                names = set(decision.names)
                moved = [i for i, k in enumerate(keys) if k == source and mentions[i].name in names]
                if not moved:
                    continue
                target = self.entities.get(decision.target)
                if target is None:
                    first = mentions[moved[0]]
                    target = Entity(decision.target, self.label, first.country, first.name)
                    self.entities[decision.target] = target
                target.add_reason(f"split by an investigator from {source}")
                for i in moved:
                    keys[i] = decision.target
                    target.add_name(mentions[i].name)
                    target.name_keys.add(mentions[i].name_key)
                src = self.entities.get(source)
                if src is not None:
                    src.names = [n for n in src.names if n not in names]
        redirect: dict[str, str] = {}
        for decision in self.decisions:
            if decision.kind == "merge":
                for source in decision.sources:
                    redirect[source] = decision.target
        if not redirect:
            return

        def final(k: str) -> str:
            seen = set()
            while k in redirect and k not in seen:
                seen.add(k)
                k = redirect[k]
            return k

        for i, k in enumerate(keys):
            target_key = final(k)
            if target_key != k:
                keys[i] = target_key
                target = self.entities.get(target_key)
                if target is None:
                    m = mentions[i]
                    target = Entity(target_key, self.label, m.country, m.name)
                    self.entities[target_key] = target
                target.add_name(mentions[i].name)
                target.name_keys.add(mentions[i].name_key)
                target.add_reason(f"merged by an investigator with {k}")
        for source in redirect:
            self.entities.pop(source, None)
