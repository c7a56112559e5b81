"""The query catalogue: every ``.cypher`` file under ``workbench/cypher/``, read once with its header.

A file starts with a header of ``//`` comment lines holding YAML between two ``// ---`` lines::

    // ---
    // id: company_neighbourhood
    // kind: saved                 # saved | detector | internal
    // mode: read                  # read | write (saved queries and detectors are always read)
    // title: {en: Neighbourhood of an entity, es: Vecindario de una entidad}
    // description: Everything within N hops of one entity.      # or {en: ..., es: ...} (saved queries and detectors: both)
    // category: broker-hub        # detectors only, from CATEGORIES
    // severity: high              # detectors only: low | medium | high | critical
    // parameters:
    //   - {name: key, type: string, default: null, example: "company:acme", description: entity key}
    // row: one neighbour and the relationship that links it
    // explanation: {en: "...", es: "..."}   # detectors only: Jinja templates of the finding's sentence
    // sources: ["FinCEN FIN-2024-A002 ..."]  # optional: where the red flag comes from (listed in docs/queries.md)
    // ---
    MATCH ...

The file name (without ``.cypher``) must equal the id. A malformed header fails loudly with
:class:`CatalogueError` naming the file and the field.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any, Mapping

import yaml
from jinja2 import TemplateSyntaxError

from workbench.analysis.explanations import check_template
from workbench.errors import CatalogueError
from workbench.model.graph import GraphModel, load_model
from workbench.store.templates import expand_all
from workbench.red_flags import load_categories

CYPHER_DIR = Path(__file__).resolve().parent.parent / "cypher"

KINDS = ("saved", "detector", "internal")
MODES = ("read", "write")
SEVERITIES = ("low", "medium", "high", "critical")
#: Red-flag categories by id, with their English and Spanish names: read from workbench/data/red_flags.yaml
#: (the one definition; :mod:`workbench.red_flags` also gives their risk weights).
CATEGORIES: dict[str, dict[str, str]] = {c.id: {"en": c.en, "es": c.es} for c in load_categories().values()}
PARAM_TYPES = ("string", "integer", "float", "boolean", "date", "list<string>", "map", "list<map>")
_ID = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$")
_PARAM = re.compile(r"^[a-z][A-Za-z0-9]*$")
_MARK = "// ---"


@dataclass(frozen=True)
class Parameter:
    name: str
    type: str
    default: Any
    example: Any
    description: str = ""
    required: bool = False

    def coerce(self, value: Any, where: str) -> Any:
        """Convert a raw value (often a CLI or form string) to this parameter's type."""
        if value is None:
            return None
        try:
            if self.type == "string":
                return str(value)
            if self.type == "integer":
                if isinstance(value, bool):
                    raise ValueError("a boolean is not a whole number")
                return int(str(value).strip()) if not isinstance(value, int) else value
            if self.type == "float":
                return float(str(value).strip().replace(",", ".")) if not isinstance(value, float) else value
            if self.type == "boolean":
                if isinstance(value, bool):
                    return value
                text = str(value).strip().lower()
                if text in ("true", "yes", "1", "si", "sí"):
                    return True
                if text in ("false", "no", "0"):
                    return False
                raise ValueError("expected true or false")
            if self.type == "date":
                if isinstance(value, dt.date):
                    return value.isoformat()
                return dt.date.fromisoformat(str(value).strip()).isoformat()
            if self.type in ("map", "list<map>"):
                if isinstance(value, str):
                    value = json.loads(value)
                if self.type == "map" and isinstance(value, dict):
                    return value
                if self.type == "list<map>" and isinstance(value, list) and all(isinstance(v, dict) for v in value):
                    return value
                raise ValueError(f"expected a {self.type} (JSON)")
            if self.type == "list<string>":
                if isinstance(value, (list, tuple)):
                    return [str(v) for v in value]
                return [part.strip() for part in str(value).split(",") if part.strip()]
        except ValueError as e:
            raise CatalogueError(f"{where}: parameter {self.name} expects {self.type}, got {value!r} ({e}).") from e
        raise CatalogueError(f"{where}: parameter {self.name} has unknown type {self.type}.")


@dataclass(frozen=True)
class Query:
    """One saved query, detector or internal statement, with its header."""

    id: str
    kind: str
    mode: str
    title: dict[str, str]
    description: str
    text: str
    path: Path
    parameters: tuple[Parameter, ...] = ()
    category: str | None = None
    severity: str | None = None
    row: str = ""
    extra: dict[str, Any] = field(default_factory=dict)
    #: The description by language (``description`` is the English one).
    descriptions: dict[str, str] = field(default_factory=dict)
    #: Detectors: the explanation templates by language (see workbench/analysis/explanations.py).
    explanation: dict[str, str] = field(default_factory=dict)
    #: What one row of the result is, by language (``row`` is the English one).
    rows: dict[str, str] = field(default_factory=dict)

    def title_in(self, lang: str) -> str:
        return self.title.get(lang) or self.title["en"]

    def row_in(self, lang: str) -> str:
        return self.rows.get(lang) or self.row

    def description_in(self, lang: str) -> str:
        return self.descriptions.get(lang) or self.description

    @property
    def read_only(self) -> bool:
        return self.mode == "read"

    def example_params(self) -> dict[str, Any]:
        return {p.name: p.example for p in self.parameters}

    def bind(self, raw: Mapping[str, Any] | None = None) -> dict[str, Any]:
        """Parameters ready for the driver: typed, defaults filled in, unknown names refused."""
        raw = dict(raw or {})
        known = {p.name for p in self.parameters}
        unknown = sorted(set(raw) - known)
        if unknown:
            raise CatalogueError(
                f"Query {self.id} has no parameter {', '.join(unknown)}; it takes: {', '.join(sorted(known)) or 'none'}."
            )
        bound: dict[str, Any] = {}
        for p in self.parameters:
            if p.name in raw and raw[p.name] not in (None, ""):
                bound[p.name] = p.coerce(raw[p.name], f"query {self.id}")
            elif p.required:
                raise CatalogueError(f"Query {self.id} needs --param {p.name}=... (for example {p.example!r}).")
            else:
                bound[p.name] = p.coerce(p.default, f"query {self.id}") if p.default is not None else None
        return bound


def split_header(text: str, path: Path) -> tuple[dict[str, Any], str]:
    """Separate the YAML header from the Cypher body."""
    lines = text.splitlines()
    if not lines or lines[0].strip() != _MARK:
        raise CatalogueError(f"{path}: a query file must start with a `{_MARK}` header line.")
    header: list[str] = []
    for number, line in enumerate(lines[1:], start=2):
        stripped = line.strip()
        if stripped == _MARK:
            body = "\n".join(lines[number:]).strip()
            try:
                data = yaml.safe_load("\n".join(header)) or {}
            except yaml.YAMLError as e:
                raise CatalogueError(f"{path}: the header is not valid YAML: {e}") from e
            if not isinstance(data, dict):
                raise CatalogueError(f"{path}: the header must be a mapping of fields.")
            if not body:
                raise CatalogueError(f"{path}: there is no Cypher after the header.")
            return data, body
        if not stripped.startswith("//"):
            raise CatalogueError(f"{path}:{number}: header lines must start with `//`; close the header with `{_MARK}`.")
        header.append(stripped[2:][1:] if stripped[2:].startswith(" ") else stripped[2:])
    raise CatalogueError(f"{path}: the header is never closed with `{_MARK}`.")


def _texts(value: Any, path: Path, key: str) -> dict[str, str]:
    """A header text given as one English string or as ``{en: ..., es: ...}``."""
    if isinstance(value, str):
        value = {"en": value}
    if not isinstance(value, dict) or not isinstance(value.get("en"), str) or not value["en"].strip():
        raise CatalogueError(f"{path}: {key} needs at least `en` text.")
    unknown = sorted(set(value) - {"en", "es"})
    if unknown or not all(isinstance(v, str) for v in value.values()):
        raise CatalogueError(f"{path}: {key} gives text by language, `en` and `es` only (not {', '.join(unknown)}).")
    return {lang: " ".join(text.split()) if key == "description" else text.strip() for lang, text in value.items()}


def _require(data: Mapping[str, Any], key: str, path: Path) -> Any:
    if key not in data or data[key] in (None, "", {}):
        raise CatalogueError(f"{path}: the header needs `{key}`.")
    return data[key]


def parse_query(path: Path, text: str | None = None) -> Query:
    """Read and validate one query file."""
    text = path.read_text(encoding="utf-8") if text is None else text
    data, body = split_header(text, path)
    qid = _require(data, "id", path)
    if not isinstance(qid, str) or not _ID.match(qid):
        raise CatalogueError(f"{path}: id {qid!r} must be snake_case.")
    if qid != path.stem:
        raise CatalogueError(f"{path}: id {qid!r} must match the file name {path.stem!r}.")
    kind = data.get("kind", "saved")
    if kind not in KINDS:
        raise CatalogueError(f"{path}: kind {kind!r} must be one of {', '.join(KINDS)}.")
    mode = data.get("mode", "read")
    if mode not in MODES:
        raise CatalogueError(f"{path}: mode {mode!r} must be read or write.")
    if kind != "internal" and mode != "read":
        raise CatalogueError(f"{path}: saved queries and detectors are read-only; use kind: internal for writes.")
    title = _require(data, "title", path)
    if isinstance(title, str):
        title = {"en": title}
    if not isinstance(title, dict) or not title.get("en"):
        raise CatalogueError(f"{path}: title needs at least `en`.")
    if kind != "internal" and not title.get("es"):
        raise CatalogueError(f"{path}: title needs `es` as well as `en` (the app is bilingual).")
    descriptions = _texts(_require(data, "description", path), path, "description")
    category = data.get("category")
    severity = data.get("severity")
    if kind == "detector":
        if category not in CATEGORIES:
            raise CatalogueError(f"{path}: category {category!r} must be one of {', '.join(CATEGORIES)}.")
        if severity not in SEVERITIES:
            raise CatalogueError(f"{path}: severity {severity!r} must be one of {', '.join(SEVERITIES)}.")
    elif category is not None and category not in CATEGORIES:
        raise CatalogueError(f"{path}: category {category!r} must be one of {', '.join(CATEGORIES)}.")
    if kind in ("detector", "saved") and not descriptions.get("es"):
        raise CatalogueError(f"{path}: description needs `es` as well as `en` (saved queries and detectors are shown "
                             "in both languages).")
    explanation: dict[str, str] = {}
    if kind == "detector":
        explanation = _texts(_require(data, "explanation", path), path, "explanation")
        if set(explanation) != {"en", "es"}:
            raise CatalogueError(f"{path}: explanation needs an `en` and an `es` template.")
        for lang, template in explanation.items():
            try:
                check_template(template, lang)
            except TemplateSyntaxError as e:
                raise CatalogueError(f"{path}: explanation.{lang} line {e.lineno}: {e.message}") from e
    rows = _texts(data["row"], path, "row") if data.get("row") else {}
    if kind != "internal" and not rows:
        raise CatalogueError(f"{path}: the header needs `row` (what one row of the result means).")
    if kind in ("detector", "saved") and not rows.get("es"):
        raise CatalogueError(f"{path}: row needs `es` as well as `en` (the saved-queries page says it in both "
                             "languages).")
    params = []
    raw_params = data.get("parameters") or []
    if not isinstance(raw_params, list):
        raise CatalogueError(f"{path}: parameters must be a list.")
    seen: set[str] = set()
    for i, spec in enumerate(raw_params, start=1):
        if not isinstance(spec, dict):
            raise CatalogueError(f"{path}: parameter {i} must be a mapping with name, type, default, example.")
        name = spec.get("name")
        if not isinstance(name, str) or not _PARAM.match(name) or name in seen:
            raise CatalogueError(f"{path}: parameter {i} needs a unique camelCase `name`.")
        seen.add(name)
        ptype = spec.get("type")
        if ptype not in PARAM_TYPES:
            raise CatalogueError(f"{path}: parameter {name} type {ptype!r} must be one of {', '.join(PARAM_TYPES)}.")
        if "example" not in spec:
            raise CatalogueError(f"{path}: parameter {name} needs an `example` value.")
        param = Parameter(name, ptype, spec.get("default"), spec["example"], str(spec.get("description", "")),
                          bool(spec.get("required", False)))
        param.coerce(param.example, str(path))
        param.coerce(param.default, str(path))
        params.append(param)
    used = set(re.findall(r"\$([A-Za-z_][A-Za-z0-9_]*)", body))
    undeclared = sorted(used - seen)
    if undeclared:
        raise CatalogueError(f"{path}: the query uses undeclared parameters: {', '.join(undeclared)}.")
    sources = data.get("sources")
    if sources is not None and (not isinstance(sources, list) or not sources
                                or not all(isinstance(s, str) and s.strip() for s in sources)):
        raise CatalogueError(f"{path}: sources must be a list of citations (text), one per line.")
    known = {"id", "kind", "mode", "title", "description", "category", "severity", "parameters", "row", "explanation"}
    extra = {k: v for k, v in data.items() if k not in known}
    return Query(qid, kind, mode, dict(title), descriptions["en"], body, path, tuple(params),
                 category, severity, rows.get("en", ""), extra, descriptions, explanation, rows)


class Catalogue:
    """All queries by id."""

    def __init__(self, queries: list[Query]) -> None:
        self._queries: dict[str, Query] = {}
        for query in queries:
            if query.id in self._queries:
                raise CatalogueError(f"{query.path}: id {query.id!r} is also used by {self._queries[query.id].path}.")
            self._queries[query.id] = query

    def __getitem__(self, qid: str) -> Query:
        try:
            return self._queries[qid]
        except KeyError:
            raise CatalogueError(f"There is no query {qid!r}; `workbench queries` lists them.") from None

    def __contains__(self, qid: object) -> bool:
        return qid in self._queries

    def __iter__(self):  # type: ignore[no-untyped-def]
        return iter(sorted(self._queries.values(), key=lambda q: (q.kind, q.id)))

    def __len__(self) -> int:
        return len(self._queries)

    def of_kind(self, *kinds: str) -> list[Query]:
        return [q for q in self if q.kind in kinds]

    @property
    def detectors(self) -> list[Query]:
        return self.of_kind("detector")

    @property
    def saved(self) -> list[Query]:
        return self.of_kind("saved", "detector")


def load_catalogue(root: Path | None = None, model: GraphModel | None = None) -> Catalogue:
    """Read every ``.cypher`` file below ``root`` (default: the project's ``workbench/cypher/``) and register the
    statements its templates (``*.cypher.j2``) make for ``model`` (default: the packaged model). Cached by default."""
    if root is None and model is None:
        return _default()
    return _build(Path(root) if root is not None else CYPHER_DIR, model if model is not None else load_model())


def register_templates(root: Path, model: GraphModel) -> list[Query]:
    """The statements generated from the model, as catalogue queries under the ids their headers render.

    Each is checked like a file (header, parameters) and keeps the template as its ``path``; a problem names the
    template and what it was expanded for."""
    out = []
    for item in expand_all(root, model):
        try:
            query = parse_query(item.template.with_name(f"{item.id}.cypher"), item.text)
        except CatalogueError as e:
            raise CatalogueError(f"{item.template} expanded for {item.subject}: {e}") from e
        out.append(replace(query, path=item.template,
                           extra={**query.extra, "template": item.template.name, "expanded_for": item.subject}))
    return out


def _build(root: Path, model: GraphModel) -> Catalogue:
    files = [parse_query(path) for path in sorted(root.rglob("*.cypher"))]
    return Catalogue(files + register_templates(root, model))


@lru_cache(maxsize=1)
def _default() -> Catalogue:
    return _build(CYPHER_DIR, load_model())
