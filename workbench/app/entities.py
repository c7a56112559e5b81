"""Entity inputs that take what a person types: a name in any spelling, a B/L, a seizure id, a chemical or CAS.

Every input resolves the text with the app's search (``explore.resolve``), picks the best match and offers the
other candidates as suggestions; text that matches nothing is said so, never silently dropped.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from workbench.analysis import explore
from workbench.app import i18n, resources, state
from workbench.app.i18n import t
from workbench.errors import WorkbenchError


def resolve(text: str, labels: list[str] | None = None) -> explore.Resolution | None:
    """The resolution of ``text`` (kept in the session so a rerun does not search again); None for bad text."""
    cache: dict[Any, explore.Resolution] = state.get(state.RESOLVED)
    key = (text.strip(), tuple(labels or ()))
    if key not in cache:
        try:
            cache[key] = explore.resolve(resources.gateway(), text, labels=labels)
        except WorkbenchError as e:
            st.warning(str(e))
            return None
    return cache[key]


def describe(item: dict[str, Any] | None) -> str:
    """One line naming a candidate: caption, kind, country and key."""
    if not item:
        return "—"
    country = f" · {item['country']}" if item.get("country") else ""
    return f"{item['caption']} ({i18n.label(item['label'])}{country}) · {item['key']}"


def pick(text: str, key: str, labels: list[str] | None = None) -> dict[str, Any] | None:
    """Resolve ``text`` and let the user choose among the candidates (best first); None when nothing matches."""
    if not text.strip():
        return None
    resolution = resolve(text, labels)
    if resolution is None:
        return None
    if resolution.key is None:
        st.warning(t("entity.not_found", text=text.strip()))
        return None
    by_key = {c["key"]: c for c in resolution.candidates}
    if resolution.exact and len(by_key) == 1:
        st.caption(t("entity.resolved", text=text.strip(), entity=describe(by_key[resolution.key])))
        return by_key[resolution.key]
    described = {k: describe(c) for k, c in by_key.items()}  # computed now: format_func may run outside the page
    chosen = st.selectbox(t("entity.did_you_mean", text=text.strip()), list(by_key), key=f"{key}_pick_{text.strip()}",
                          format_func=lambda k: described.get(k, k))
    return by_key.get(chosen)


def entity_input(label: str, key: str, labels: list[str] | None = None, value: str = "",
                 help_text: str | None = None) -> dict[str, Any] | None:
    """A text box for one entity, resolved as typed; returns the chosen entity (``key``, ``caption``, ``props``)."""
    typed = st.text_input(label, value=value, key=key, help=help_text or t("entity.help"))
    return pick(typed, key, labels)


def entities_input(label: str, key: str, value: str = "") -> tuple[list[dict[str, Any]], list[str]]:
    """A box for several entities (one per line); returns the chosen entities and the lines that matched nothing."""
    typed = st.text_area(label, value=value, key=key, help=t("entity.help_many"), height=90)
    chosen: list[dict[str, Any]] = []
    missing: list[str] = []
    for i, line in enumerate(explore.split_entities(typed)):
        item = pick(line, f"{key}_{i}")
        if item is None:
            missing.append(line)
        elif item["key"] not in {c["key"] for c in chosen}:
            chosen.append(item)
    return chosen, missing


def parameter_entity(query: Any, param: Any) -> tuple[list[str] | None, str] | None:
    """Whether a query parameter names an entity: (labels to search, property passed) or None.

    A query header may declare ``entities: {param: {labels: [..], property: ..}}``; otherwise a string parameter
    called ``key`` or ending in ``Key`` takes any entity's key, and ``cas``/``casNumber`` a chemical's CAS number.
    """
    declared = (getattr(query, "extra", {}) or {}).get("entities") or {}
    if param.name in declared:
        spec = declared[param.name] or {}
        return (list(spec["labels"]) if spec.get("labels") else None), str(spec.get("property") or "key")
    if param.type != "string":
        return None
    if param.name == "key" or param.name.endswith("Key"):
        return None, "key"
    if param.name in ("cas", "casNumber"):
        return ["Chemical"], "casNumber"
    return None
