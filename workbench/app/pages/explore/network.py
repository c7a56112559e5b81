"""Network: start from entities, expand, filter, click for details, shortest paths, pin, hide and undo."""

import datetime as dt

import pandas as pd
import streamlit as st

from workbench.analysis import explore
from workbench.app import access, graphview, i18n, resources, state
from workbench.app.i18n import t
from workbench.app.markup import md
from workbench.errors import WorkbenchError
from workbench.model.graph import load_model

access.guard("network")
gw = resources.gateway()
model = load_model()
st.title(t("network.title"))


def remember(graph: explore.Graph) -> None:
    """Keep the current graph for undo, then show ``graph``."""
    current = state.get(state.GRAPH)
    if current is not None:
        state.put(state.HISTORY, (state.get(state.HISTORY) + [current])[-20:])
    state.put(state.GRAPH, graph)


def copy_graph(graph: explore.Graph | None) -> explore.Graph:
    new = explore.Graph()
    if graph is not None:
        new.merge(graph)
        new.capped, new.message = graph.capped, graph.message
    return new


# --- starting entities
selection = state.get(state.SELECTION)
with st.expander(t("network.start"), expanded=not selection):
    typed = st.text_input(t("network.start_keys"), value=", ".join(selection), key="network_start_keys",
                          help=t("network.start_help"))
    if st.button(t("network.show"), key="network_show"):
        keys = [k.strip() for k in typed.split(",") if k.strip()]
        state.put(state.SELECTION, keys)
        state.put(state.HISTORY, [])
        state.put(state.GRAPH, None)
        state.put(state.PINNED, [])
        state.put(state.HIDDEN, [])
        st.rerun()

selection = state.get(state.SELECTION)
if not selection:
    st.info(t("network.empty"))
    st.stop()

graph = state.get(state.GRAPH)
if graph is None:
    try:
        graph = explore.nodes_by_key(gw, selection)
    except WorkbenchError as e:
        st.error(str(e))
        st.stop()
    if not graph.nodes:
        st.warning(t("network.not_found"))
    state.put(state.GRAPH, graph)

# --- expansion controls
with st.form("expand"):
    c1, c2, c3 = st.columns([3, 1, 1])
    rel_types = c1.multiselect(t("network.rel_types"), sorted(model.relationships), placeholder=t("common.choose"),
                               key="expand_types",
                               help=t("network.rel_types_help"))
    depth = c2.number_input(t("network.depth"), min_value=1, max_value=explore.MAX_DEPTH, value=1, key="expand_depth")
    cap = c3.number_input(t("network.cap"), min_value=10, max_value=1000, value=explore.DEFAULT_CAP, step=10,
                          key="expand_cap")
    c4, c5, c6 = st.columns([3, 1, 1])
    labels = c4.multiselect(t("network.labels"), sorted(model.labels), placeholder=t("common.choose"),
                            key="expand_labels",
                            format_func=i18n.label)
    use_dates = c5.checkbox(t("network.use_dates"), key="expand_use_dates")
    dates = c6.date_input(t("network.dates"), value=(dt.date(2015, 1, 1), dt.date.today()), key="expand_dates")
    from_selected = st.checkbox(t("network.from_selected"), key="expand_from_selected")
    expand_clicked = st.form_submit_button(t("network.expand"))
if expand_clicked:
    start = [state.get(state.SELECTED)] if from_selected and state.get(state.SELECTED) else list(graph.nodes)
    date_from = date_to = None
    if use_dates and isinstance(dates, (tuple, list)) and len(dates) == 2:
        date_from, date_to = dates[0].isoformat(), dates[1].isoformat()
    try:
        grown = explore.expand(gw, start, rel_types or None, int(depth), date_from, date_to, labels or None,
                               cap=int(cap))
    except WorkbenchError as e:
        st.error(str(e))
    else:
        remember(copy_graph(graph).merge(grown))
        graph = state.get(state.GRAPH)

# --- toolbar: pin, hide, undo, paths
selected = state.get(state.SELECTED)
pinned, hidden = set(state.get(state.PINNED)), set(state.get(state.HIDDEN))
b1, b2, b3, b4, b5 = st.columns(5)
if b1.button(t("network.pin"), key="pin", disabled=selected is None):
    state.put(state.PINNED, sorted(pinned ^ {selected}))
    st.rerun()
if b2.button(t("network.hide"), key="hide", disabled=selected is None):
    state.put(state.HIDDEN, sorted(hidden | {selected}))
    state.put(state.SELECTED, None)
    st.rerun()
if b3.button(t("network.unhide"), key="unhide", disabled=not hidden):
    state.put(state.HIDDEN, [])
    st.rerun()
if b4.button(t("network.undo"), key="undo", disabled=not state.get(state.HISTORY)):
    history = state.get(state.HISTORY)
    state.put(state.GRAPH, history[-1])
    state.put(state.HISTORY, history[:-1])
    st.rerun()
picked = state.get(state.PICKED)
if b5.button(t("network.paths"), key="paths", disabled=len(picked) < 2):
    try:
        paths = explore.shortest_paths(gw, picked[-2], picked[-1], max_hops=6)
    except WorkbenchError as e:
        st.error(str(e))
    else:
        if paths.message:
            st.info(t("network.no_path"))
        else:
            remember(copy_graph(graph).merge(paths))
            graph = state.get(state.GRAPH)
            st.success(t("network.path_found", count=len(paths.nodes)))

if graph.capped:
    st.warning(t("network.capped", shown=len(graph.nodes)))
st.caption(t("network.counts", nodes=len(graph.nodes), edges=len(graph.edges), pinned=len(pinned),
             hidden=len(hidden)))
access.record_view("network", {"start": selection, "nodes": len(graph.nodes), "selected": selected})

# --- the drawing and the details panel
left, right = st.columns([3, 2])
with left:
    risk = {key: entry["score"] / 100 for key, entry in resources.findings_index().items()}
    net = graphview.build_network(graph, hidden=hidden, pinned=pinned, label_text=i18n.label, risk=risk)
    clicked = graphview.draw(graphview.network_data(net, selected), key="network_graph")
    if clicked and clicked != selected:
        state.put(state.SELECTED, clicked)
        state.put(state.PICKED, (state.get(state.PICKED) + [clicked])[-2:])
        selected = clicked
    options = [k for k in graph.nodes if k not in hidden]
    chosen = st.selectbox(t("network.select"), [""] + options, key=f"select_node_{selected}",
                          index=(options.index(selected) + 1) if selected in options else 0,
                          format_func=lambda k: graph.nodes[k]["caption"] if k else "—")
    if chosen and chosen != selected:
        state.put(state.SELECTED, chosen)
        state.put(state.PICKED, (state.get(state.PICKED) + [chosen])[-2:])
        st.rerun()
with right:
    if selected is None or selected not in graph.nodes:
        st.info(t("network.click_hint"))
    else:
        try:
            details = explore.node_details(
                gw, selected, resources.findings_index().get(selected, {}).get("findings", []))
        except WorkbenchError as e:
            st.error(str(e))
        else:
            st.subheader(md(details["caption"]))
            st.caption(f"{i18n.label(details['label'])} · {md(details['key'])}")
            if len(picked) == 2:
                st.caption(t("network.picked", a=md(graph.nodes.get(picked[0], {}).get("caption", picked[0])),
                             b=md(graph.nodes.get(picked[1], {}).get("caption", picked[1]))))
            st.markdown(f"**{t('details.names')}**")
            st.write(md(", ".join(details["names"]) or "—"))
            st.markdown(f"**{t('details.properties')}**")
            st.dataframe(pd.DataFrame([{"property": k, "value": str(v)} for k, v in details["properties"].items()]),
                         hide_index=True, width="stretch")
            st.markdown(f"**{t('details.provenance')}**")
            st.json(details["provenance"] or {}, expanded=False)
            st.markdown(f"**{t('details.findings')}**")
            if not details["findings"]:
                st.caption(t("details.no_findings"))
            else:
                st.dataframe(pd.DataFrame([{"severity": f["severity"], "rule": f["rule"],
                                            "explanation": f["explanation"]} for f in details["findings"]]),
                             hide_index=True)
            st.markdown(f"**{t('details.shipments')}** ({len(details['shipments'])})")
            if details["shipments"]:
                st.dataframe(pd.DataFrame([{"key": s["key"], "B/L": s["caption"], "date": s["date"]}
                                           for s in details["shipments"]]), hide_index=True)
            st.markdown(f"**{t('details.seizures')}** ({len(details['seizures'])})")
            if details["seizures"]:
                st.dataframe(pd.DataFrame([{"key": z["key"], "id": z["caption"], "date": z["date"]}
                                           for z in details["seizures"]]), hide_index=True)
            if st.button(t("network.add_to_selection"), key="add_to_selection"):
                state.put(state.SELECTION, list(dict.fromkeys(state.get(state.SELECTION) + [selected])))
                st.rerun()
