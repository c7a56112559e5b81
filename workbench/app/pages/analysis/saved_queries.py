"""Saved queries: pick one from the catalogue, fill its form, see table, graph and Cypher, download."""

import datetime as dt

import streamlit as st

from workbench.analysis import explore
from workbench.store import queries
from workbench.app import access, downloads, graphview, i18n, nav, resources, state
from workbench.app.i18n import t
from workbench.store.catalogue import CATEGORIES, load_catalogue
from workbench.errors import WorkbenchError

access.guard("run_saved_query")
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
query_id = st.selectbox(t("saved.pick"), ids, index=ids.index(current) if current in ids else 0,
                        format_func=lambda qid: label_of(catalogue[qid]), key="saved_pick")
if query_id != current:
    state.put(state.QUERY_ID, query_id)
    state.put(state.QUERY_RESULT, None)
query = catalogue[query_id]
st.write(query.description)
if query.category:
    st.caption(f"{t('saved.category')}: {CATEGORIES[query.category][lang]} · {t('saved.severity')}: {query.severity}")
if query.row:
    st.caption(f"{t('saved.row')}: {query.row}")

with st.form(f"params_{query.id}"):
    raw: dict[str, object] = {}
    for p in query.parameters:
        label = f"{p.name}{' *' if p.required else ''}"
        help_text = p.description or None
        start = p.default if p.default is not None else p.example
        wkey = f"param_{query.id}_{p.name}"
        if p.type == "integer":
            raw[p.name] = st.number_input(label, value=int(start or 0), step=1, help=help_text, key=wkey)
        elif p.type == "float":
            raw[p.name] = st.number_input(label, value=float(start or 0.0), help=help_text, key=wkey)
        elif p.type == "boolean":
            raw[p.name] = st.checkbox(label, value=bool(start), help=help_text, key=wkey)
        elif p.type == "date":
            raw[p.name] = st.date_input(label, value=dt.date.fromisoformat(str(start)) if start else None,
                                        help=help_text, key=wkey)
        elif p.type == "list<string>":
            value = ", ".join(start) if isinstance(start, list) else str(start or "")
            raw[p.name] = st.text_input(label, value=value, help=help_text, key=wkey)
        else:
            raw[p.name] = st.text_input(label, value=str(start or ""), help=help_text, key=wkey)
    run = st.form_submit_button(t("saved.run"))

if run:
    try:
        bound = query.bind(raw)
    except WorkbenchError as e:
        st.error(str(e))
    else:
        result = queries.run(resources.gateway(), query.id, bound)
        access.record("query", {"query": query.id, "parameters": bound, "status": result.status.value,
                                "rows": len(result.records)})
        state.put(state.QUERY_RESULT, {"id": query.id, "params": bound, "result": result})

stored = state.get(state.QUERY_RESULT)
if stored and stored["id"] == query.id:
    result = stored["result"]
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
            net = graphview.build_network(graph, label_text=i18n.label)
            graphview.draw(graphview.network_data(net), key=f"saved_graph_{query.id}", height=480)
            if st.button(t("saved.open_network"), key="saved_open_network"):
                state.put(state.SELECTION, list(graph.nodes)[:50])
                state.put(state.GRAPH, None)
                state.put(state.HISTORY, [])
                nav.go("network")

with st.expander(t("saved.cypher")):
    st.code(query.text, language="cypher")
