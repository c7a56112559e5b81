"""Saved queries: pick one from the catalogue, fill its form, see table, graph and Cypher, download."""

import datetime as dt

import streamlit as st

from workbench.analysis import explore
from workbench.analysis.detect import reference_parameters, with_controls
from workbench.store import queries
from workbench.app import access, downloads, entities, graphview, i18n, nav, resources, state
from workbench.app.i18n import t
from workbench.store.catalogue import CATEGORIES, load_catalogue
from workbench.errors import WorkbenchError

access.guard("run_saved_query")
#: The widest range a date input accepts; the data's own range is where the inputs start.
DATE_MIN, DATE_MAX = dt.date(1900, 1, 1), dt.date(2999, 12, 31)
st.title(t("saved.title"))
lang = i18n.lang()
try:
    catalogue = load_catalogue()
except WorkbenchError as e:
    st.error(t("saved.catalogue_error", error=str(e)))
    st.stop()
items = catalogue.saved
if not items:
    st.info(t("saved.none"))
    st.stop()


def label_of(query) -> str:  # type: ignore[no-untyped-def]
    kind = t("saved.kind_detector") if query.kind == "detector" else t("saved.kind_saved")
    return f"{query.title_in(lang)} · {kind}"


ids = [q.id for q in items]
current = state.get(state.QUERY_ID)
titles = {qid: label_of(catalogue[qid]) for qid in ids}  # computed now: format_func may run outside the page
query_id = st.selectbox(t("saved.pick"), ids, index=ids.index(current) if current in ids else 0,
                        format_func=lambda qid: titles.get(qid, qid), key="saved_pick")
if query_id != current:
    state.put(state.QUERY_ID, query_id)
    state.put(state.QUERY_RESULT, None)
query = catalogue[query_id]
st.write(query.description_in(i18n.lang()))
if query.category:
    severity = t(f"severity.{query.severity}") if f"severity.{query.severity}" in i18n.messages("en") else query.severity
    st.caption(f"{t('saved.category')}: {CATEGORIES[query.category][lang]} · {t('saved.severity')}: {severity}")
if query.row:
    st.caption(f"{t('saved.row')}: {query.row_in(lang)}")

@st.cache_data(ttl=600, show_spinner=False)
def data_dates(database: str) -> tuple[dt.date, dt.date]:
    span = explore.date_range(resources.gateway())
    return span if span else (dt.date(2015, 1, 1), dt.date.today())


low, high = data_dates(resources.settings().database)
raw: dict[str, object] = {}
unresolved: list[str] = []
tables = reference_parameters()
for p in query.parameters:
    if p.name in tables:
        continue  # the workbench's own tables (controls, sectors, cover terms...) are filled in at run time
    label = f"{p.name}{' *' if p.required else ''}"
    help_text = p.description or None
    start = p.default if p.default is not None else p.example
    wkey = f"param_{query.id}_{p.name}"
    target = entities.parameter_entity(query, p)
    if target is not None:
        labels, prop = target
        item = entities.entity_input(label, wkey, labels, value=str(p.default or ""),
                                     help_text=f"{help_text or ''} {t('entity.help')}".strip())
        typed = str(st.session_state.get(wkey) or "").strip()
        if item is not None:
            raw[p.name] = (item.get("props") or {}).get(prop) if prop != "key" else item["key"]
        elif typed:
            unresolved.append(typed)
    elif p.type == "integer":
        raw[p.name] = st.number_input(label, value=int(start or 0), step=1, help=help_text, key=wkey)
    elif p.type == "float":
        raw[p.name] = st.number_input(label, value=float(start or 0.0), help=help_text, key=wkey)
    elif p.type == "boolean":
        raw[p.name] = st.checkbox(label, value=bool(start), help=help_text, key=wkey)
    elif p.type == "date":
        # open-ended defaults (1900-01-01, 2999-12-31) start at the data's own range; any date can be typed
        day = dt.date.fromisoformat(str(p.default)) if p.default else None
        if day is not None:
            day = min(max(day, low), high)
        raw[p.name] = st.date_input(label, value=day, min_value=DATE_MIN, max_value=DATE_MAX, help=help_text,
                                    key=wkey, format="YYYY-MM-DD")
    elif p.type == "list<string>":
        value = ", ".join(start) if isinstance(start, list) else str(start or "")
        raw[p.name] = st.text_input(label, value=value, help=help_text, key=wkey)
    else:
        raw[p.name] = st.text_input(label, value=str(start or ""), help=help_text, key=wkey)
run = st.button(t("saved.run"), key="saved_run", type="primary")

if run:
    if unresolved:
        st.error(t("saved.unresolved", text="; ".join(unresolved)))
    else:
        try:
            bound = query.bind(raw)
            # reference tables (controls, sectors, cover terms...) are filled in for the run, not shown or audited
            filled = query.bind(with_controls(query, raw))
        except WorkbenchError as e:
            st.error(str(e))
        else:
            result = queries.run(resources.gateway(), query.id, filled)
            access.record("query", {"query": query.id, "parameters": bound, "status": result.status.value,
                                    "rows": len(result.records)})
            state.put(state.QUERY_RESULT, {"id": query.id, "params": bound, "result": result})

stored = state.get(state.QUERY_RESULT)
if stored and stored["id"] == query.id:
    result = stored["result"]
    st.caption(t("saved.ran_with", params=", ".join(f"{k} = {v}" for k, v in stored["params"].items())))
    frame = downloads.show_result(result, "saved", t)
    if frame is not None:
        c1, c2 = st.columns(2)
        allowed = access.allowed("export_data")
        c1.download_button(t("saved.csv"), data=downloads.later(downloads.to_csv, frame), file_name=f"{query.id}.csv",
                           mime="text/csv", key="download_csv", disabled=not allowed, on_click=access.record,
                           args=("export", {"query": query.id, "format": "csv", "rows": len(frame)}))
        c2.download_button(t("saved.excel"), data=downloads.later(downloads.to_excel, frame), file_name=f"{query.id}.xlsx",
                           mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                           key="download_xlsx", disabled=not allowed, on_click=access.record,
                           args=("export", {"query": query.id, "format": "xlsx", "rows": len(frame)}))
        if not allowed:
            st.caption(t("saved.export_denied"))
        graph = explore.graph_from_records(result.records)
        if graph.nodes:
            st.subheader(t("saved.graph"))
            net = graphview.build_network(graph, label_text=i18n.label, rel_text=i18n.relationship)
            graphview.draw(graphview.network_data(net), key=f"saved_graph_{query.id}", height=480)
            st.markdown(graphview.legend_html(sorted({n["label"] for n in graph.nodes.values()}), i18n.label),
                        unsafe_allow_html=True)
            if st.button(t("saved.open_network"), key="saved_open_network"):
                previous = state.get(state.GRAPH)
                if previous is not None:  # the view being replaced stays one Undo away
                    state.put(state.HISTORY, (state.get(state.HISTORY) + [{
                        "graph": previous, "hidden": list(state.get(state.HIDDEN)),
                        "pinned": list(state.get(state.PINNED))}])[-20:])
                state.put(state.SELECTION, list(graph.nodes)[:50])
                state.put(state.GRAPH, graph)
                nav.go("network")

with st.expander(t("saved.cypher")):
    st.code(query.text, language="cypher")
