"""Store statements generated from the graph model: a few Cypher templates, expanded once per label or type.

A template is a ``.cypher.j2`` file under ``workbench/cypher/templates/``: a first line ``{# each: DOMAIN #}``
naming what it is expanded for, then a query file (header and body) written in Jinja. Labels and relationship
types come only from the model's closed list (validated names, never user values); values stay ``$parameters``.
The catalogue registers each expansion under the id its header renders, so the linter and the live-server
tests check every expanded statement like any other file.

Domains:

``ingest-label``   every label the model marks ``ingest: record`` or ``ingest: shared`` (``label``, ``cap``)
``label``          every label that is not an extra label (``label``, ``cap``)
``every-label``    every label, extra labels included (``label``)
``resolved-label`` every label marked ``resolved`` (``label``, ``copies``: links a split-off part keeps)
``link``           every (type, from, to) of the model (``link``, ``a``, ``b``, ``names``, ``cap``, ``grouped``: the end
                   a new record's relationships are grouped by, "from", "to" or None)
``move-out``       relationship types leaving a resolved label (``type``)
``move-in``        relationship types arriving at a resolved label (``type``)
``link-end``       every relationship type at each label of each of its ends (``type``, ``label``, ``direction``:
                   ``out`` for a label it leaves, ``in`` for one it reaches)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator

import jinja2

from workbench.errors import CatalogueError
from workbench.model.graph import GraphModel

SUFFIX = ".cypher.j2"
_EACH = re.compile(r"\A\{#\s*each:\s*([a-z-]+)\s*#\}\n")
_ID = re.compile(r"^// id: *([a-z0-9_]+) *$", re.MULTILINE)
DOMAINS = ("ingest-label", "label", "every-label", "resolved-label", "link", "move-out", "move-in", "link-end")

_ENV = jinja2.Environment(undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                          keep_trailing_newline=True, autoescape=False)


@dataclass(frozen=True)
class Expansion:
    """One statement rendered from a template: its id, full text (header and body) and what it was made for."""

    id: str
    text: str
    template: Path
    subject: str


def _contexts(domain: str, model: GraphModel) -> Iterator[tuple[str, dict[str, Any]]]:
    labels = model.labels
    if domain in ("ingest-label", "label"):
        for label in labels.values():
            if (domain == "label" and not label.extends) or (domain == "ingest-label" and label.ingest):
                yield label.name, {"label": label, "cap": model.cap(label.name)}
    elif domain == "every-label":
        for label in labels.values():
            yield label.name, {"label": label}
    elif domain == "resolved-label":
        for name in model.resolved_labels:
            yield name, {"label": labels[name], "copies": model.split_copies(name)}
    elif domain == "link":
        for link in model.links:
            yield (f"{link.type} ({link.source} to {link.target})",
                   {"link": link, "a": labels[link.source], "b": labels[link.target],
                    "names": model.carries_names(link.type), "cap": model.relationship_source_rows_cap,
                    "grouped": model.grouped_end(link.source, link.target)})
    elif domain == "link-end":
        for rel in model.relationships.values():
            for direction, ends in (("out", rel.sources), ("in", rel.targets)):
                for name in ends:
                    yield f"{rel.name} {direction} {name}", {"type": rel.name, "label": labels[name],
                                                              "direction": direction}
    elif domain in ("move-out", "move-in"):
        for rtype in model.moves(domain[5:]):
            yield rtype, {"type": rtype}


def expand(path: Path, model: GraphModel) -> list[Expansion]:
    """Every statement one template file makes for ``model``; a malformed template fails naming the file."""
    source = path.read_text(encoding="utf-8")
    match = _EACH.match(source)
    if not match or match.group(1) not in DOMAINS:
        raise CatalogueError(f"{path}: a template starts with `{{# each: DOMAIN #}}`, DOMAIN one of {', '.join(DOMAINS)}.")
    try:
        template = _ENV.from_string(source[match.end():])
    except jinja2.TemplateSyntaxError as e:
        raise CatalogueError(f"{path}:{(e.lineno or 0) + 1}: not a valid template: {e.message}") from e
    out = []
    for subject, context in _contexts(match.group(1), model):
        try:
            text = template.render(**context)
        except jinja2.UndefinedError as e:
            raise CatalogueError(f"{path}: expanding for {subject}: {e.message}") from e
        found = _ID.search(text)
        if not found:
            raise CatalogueError(f"{path}: expanding for {subject} gives no `// id:` header line.")
        out.append(Expansion(found.group(1), text, path, subject))
    return out


def expand_all(root: Path, model: GraphModel) -> list[Expansion]:
    """Every template under ``root``, expanded for ``model``, in file order."""
    return [item for path in sorted(Path(root).rglob(f"*{SUFFIX}")) for item in expand(path, model)]
