"""Network: start from typed entities, expand, filter, trade links, details, shortest paths, pin, hide and undo.

Context nodes (countries, ports, chemicals, ingest runs) stay out of the view unless the user brings them in; they
show as attributes of the nodes they describe. Every change that replaces or hides part of the view can be undone.
"""

import datetime as dt

import pandas as pd
import streamlit as st

from workbench.analysis import explore
from workbench.app import access, entities, graphview, i18n, resources, state
from workbench.app.i18n import t
from workbench.app.markup import md
from workbench.errors import WorkbenchError
from workbench.model.graph import load_model

access.guard("network")
gw = resources.gateway()
model = load_model()
st.title(t("network.title"))

#: The widest range a date input accepts (the data's own range is the default).
DATE_MIN, DATE_MAX = dt.date(1900, 1, 1), dt.date(2999, 12, 31)


def snapshot() -> dict:
    """What undo restores: the graph, hidden and pinned sets."""
    return {"graph": state.get(state.GRAPH), "hidden": list(state.get(state.HIDDEN)),
            "pinned": list(state.get(state.PINNED))}


def remember() -> None:
    """Keep the current view for undo (the last 20 changes)."""
    state.put(state.HISTORY, (state.get(state.HISTORY) + [snapshot()])[-20:])


def show(graph: explore.Graph) -> None:
    """Keep the current view for undo, then show ``graph``."""
    if state.get(state.GRAPH) is not None:
        remember()
    state.put(state.GRAPH, graph)


def copy_graph(graph: explore.Graph | None) -> explore.Graph:
    new = explore.Graph()
    if graph is not None:
        new.merge(graph)
        new.capped, new.message = graph.capped, graph.message
    return new


def undo() -> None:
    history = state.get(state.HISTORY)
    last = history[-1]
    if isinstance(last, dict):
        state.put(state.GRAPH, last["graph"])
        state.put(state.HIDDEN, list(last["hidden"]))
        state.put(state.PINNED, list(last["pinned"]))
    else:  # an older session kept bare graphs
        state.put(state.GRAPH, last)
    state.put(state.HISTORY, history[:-1])


@st.cache_data(ttl=600, show_spinner=False)
def data_dates(database: str) -> tuple[dt.date, dt.date]:
    span = explore.date_range(resources.gateway())
    return span if span else (dt.date(2015, 1, 1), dt.date.today())


# --- starting entities: names, B/L, seizure ids, chemicals or keys, one per line
selection = state.get(state.SELECTION)
graph = state.get(state.GRAPH)
with st.expander(t("network.start"), expanded=not selection):
    chosen, missing = entities.entities_input(t("network.start_keys"), "network_start_text")
    if missing:
        st.warning(t("network.start_missing", lines="; ".join(missing)))
    c1, c2 = st.columns(2)
    if c1.button(t("network.show"), key="network_show", disabled=not chosen):
        keys = [c["key"] for c in chosen]
        if state.get(state.GRAPH) is not None:
            remember()  # the view being replaced stays one Undo away
        state.put(state.SELECTION, keys)
        state.put(state.GRAPH, explore.nodes_by_key(gw, keys))
        state.put(state.HIDDEN, [])
        state.put(state.PINNED, [])
        st.rerun()
    if c2.button(t("network.add_to_view"), key="network_add", disabled=not chosen):
        keys = [c["key"] for c in chosen]
        state.put(state.SELECTION, list(dict.fromkeys(state.get(state.SELECTION) + keys)))
        show(copy_graph(state.get(state.GRAPH)).merge(explore.nodes_by_key(gw, keys)))
        st.rerun()

selection = state.get(state.SELECTION)
if not selection and state.get(state.GRAPH) is None:
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

low, high = data_dates(resources.settings().database)

# --- expansion controls
with st.form("expand"):
    c1, c2, c3 = st.columns([3, 1, 1])
    rel_types = c1.multiselect(t("network.rel_types"), sorted(model.relationships), placeholder=t("common.choose"),
                               key="expand_types", format_func=i18n.relationship, help=t("network.rel_types_help"))
    depth = c2.number_input(t("network.depth"), min_value=1, max_value=explore.MAX_DEPTH, value=1, key="expand_depth")
    cap = c3.number_input(t("network.cap"), min_value=10, max_value=1000, value=explore.DEFAULT_CAP, step=10,
                          key="expand_cap")
    c4, c5, c6 = st.columns([3, 1, 2])
    labels = c4.multiselect(t("network.labels"), sorted(model.labels), placeholder=t("common.choose"),
                            key="expand_labels", format_func=i18n.label)
    use_dates = c5.checkbox(t("network.use_dates"), key="expand_use_dates")
    dates = c6.date_input(t("network.dates"), value=(low, high), min_value=DATE_MIN, max_value=DATE_MAX,
                          key="expand_dates", format="YYYY-MM-DD")
    c7, c8 = st.columns(2)
    from_selected = c7.checkbox(t("network.from_selected"), key="expand_from_selected")
    include_context = c8.checkbox(t("network.include_context"), key="expand_context",
                                  help=t("network.include_context_help"))
    expand_clicked = st.form_submit_button(t("network.expand"))
if expand_clicked:
    start = [state.get(state.SELECTED)] if from_selected and state.get(state.SELECTED) else list(graph.nodes)
    start = [k for k in start if k not in set(state.get(state.HIDDEN))]
    date_from = date_to = None
    if use_dates and isinstance(dates, (tuple, list)) and len(dates) == 2:
        date_from, date_to = dates[0].isoformat(), dates[1].isoformat()
    try:
        grown = explore.expand(gw, start, rel_types or None, int(depth), date_from, date_to, labels or None,
                               cap=int(cap), include_context=include_context)
    except WorkbenchError as e:
        st.error(str(e))
    else:
        show(copy_graph(graph).merge(grown))
        graph = state.get(state.GRAPH)

# --- toolbar: pin, hide, undo, trade links
selected = state.get(state.SELECTED)
pinned, hidden = set(state.get(state.PINNED)), set(state.get(state.HIDDEN))
b1, b2, b3, b4, b5 = st.columns(5)
if b1.button(t("network.pin"), key="pin", disabled=selected is None):
    remember()
    state.put(state.PINNED, sorted(pinned ^ {selected}))
    st.rerun()
if b2.button(t("network.hide"), key="hide", disabled=selected is None):
    remember()
    state.put(state.HIDDEN, sorted(hidden | {selected}))
    state.put(state.SELECTED, None)
    st.rerun()
if b3.button(t("network.unhide"), key="unhide", disabled=not hidden):
    remember()
    state.put(state.HIDDEN, [])
    st.rerun()
if b4.button(t("network.undo"), key="undo", disabled=not state.get(state.HISTORY)):
    undo()
    st.rerun()
trade_view = b5.toggle(t("network.trade_view"), value=state.get(state.TRADE_VIEW), key="trade_toggle",
                       help=t("network.trade_help"))
if trade_view != state.get(state.TRADE_VIEW):
    state.put(state.TRADE_VIEW, trade_view)
    if trade_view:
        firms = [k for k, n in graph.nodes.items() if "Company" in n["labels"] and k not in hidden]
        try:
            links = explore.trade_links(gw, firms)
        except WorkbenchError as e:
            st.error(str(e))
        else:
            show(copy_graph(graph).merge(links))
            graph = state.get(state.GRAPH)

# --- shortest paths between two entities, typed or the last two clicked
picked = state.get(state.PICKED)
with st.expander(t("network.paths_title"), expanded=False):
    c1, c2 = st.columns(2)
    with c1:
        end_a = entities.entity_input(t("network.path_from"), "path_from", value=picked[-2] if len(picked) == 2 else "")
    with c2:
        end_b = entities.entity_input(t("network.path_to"), "path_to", value=picked[-1] if picked else "")
    c3, c4 = st.columns(2)
    hops = c3.number_input(t("network.path_hops"), min_value=1, max_value=6, value=6, key="path_hops")
    path_context = c4.checkbox(t("network.include_context"), key="path_context",
                               help=t("network.path_context_help"))
    if st.button(t("network.paths"), key="paths", disabled=not (end_a and end_b)) and end_a and end_b:
        try:
            paths = explore.shortest_paths(gw, end_a["key"], end_b["key"], max_hops=int(hops),
                                           include_context=path_context)
        except WorkbenchError as e:
            st.error(str(e))
        else:
            if paths.message:
                st.info(t("network.no_path", hops=int(hops)))
            else:
                show(copy_graph(graph).merge(paths))
                graph = state.get(state.GRAPH)
                st.success(t("network.path_found", count=len(paths.nodes)))

if graph.capped:
    st.warning(t("network.capped", shown=len(graph.nodes)))
st.caption(t("network.counts", nodes=len(graph.nodes), edges=len(graph.edges), pinned=len(pinned),
             hidden=len(hidden)))
access.record_view("network", {"start": selection, "nodes": len(graph.nodes), "selected": selected})

# --- the drawing, its legend and the details panel
left, right = st.columns([3, 2])
with left:
    risk = {key: entry["score"] / 100 for key, entry in resources.findings_index().items()}
    net = graphview.build_network(graph, hidden=hidden, pinned=pinned, label_text=i18n.label, risk=risk,
                                  rel_text=i18n.relationship, trade_view=state.get(state.TRADE_VIEW),
                                  positions=state.get(state.POSITIONS))
    clicked, positions = graphview.draw(graphview.network_data(net, selected, positions=state.get(state.POSITIONS)),
                                        key="network_graph")
    if positions:
        state.put(state.POSITIONS, {**state.get(state.POSITIONS), **positions})
    shown = sorted({n["label"] for k, n in graph.nodes.items() if k not in hidden})
    st.markdown(graphview.legend_html(shown, i18n.label,
                                      trade=t("network.trade_legend") if state.get(state.TRADE_VIEW) else None),
                unsafe_allow_html=True)
    if clicked and clicked != selected:
        state.put(state.SELECTED, clicked)
        state.put(state.PICKED, (state.get(state.PICKED) + [clicked])[-2:])
        selected = clicked
    options = [k for k in graph.nodes if k not in hidden]
    chosen_node = st.selectbox(t("network.select"), [""] + options, key=f"select_node_{selected}",
                               index=(options.index(selected) + 1) if selected in options else 0,
                               format_func=lambda k: graph.nodes[k]["caption"] if k else "—")
    if chosen_node and chosen_node != selected:
        state.put(state.SELECTED, chosen_node)
        state.put(state.PICKED, (state.get(state.PICKED) + [chosen_node])[-2:])
        st.rerun()
with right:
    if selected is None or selected not in graph.nodes:
        st.info(t("network.click_hint"))
    else:
        try:
            details = explore.node_details(
                gw, selected, resources.findings_index().get(selected, {}).get("findings", []),
                page=int(st.session_state.get(f"details_page_{selected}", 1)) - 1)
        except WorkbenchError as e:
            st.error(str(e))
        else:
            st.subheader(md(details["caption"]))
            st.caption(f"{i18n.label(details['label'])} · {md(details['key'])}")
            if len(picked) == 2:
                st.caption(t("network.picked", a=md(graph.nodes.get(picked[0], {}).get("caption", picked[0])),
                             b=md(graph.nodes.get(picked[1], {}).get("caption", picked[1]))))
            if details["context"]:
                st.markdown(f"**{t('details.context')}**")
                st.dataframe(pd.DataFrame([{t("details.kind"): i18n.label(label), t("details.value"): ", ".join(names)}
                                           for label, names in details["context"].items()]),
                             hide_index=True, width="stretch")
            st.markdown(f"**{t('details.names')}**")
            st.write(md(", ".join(details["names"]) or "—"))
            st.markdown(f"**{t('details.properties')}**")
            st.dataframe(pd.DataFrame([{t("details.property"): k,
                                        t("details.value"): ", ".join(map(str, v)) if isinstance(v, list) else str(v)}
                                       for k, v in details["properties"].items()]),
                         hide_index=True, width="stretch")
            st.markdown(f"**{t('details.provenance')}**")
            rows = i18n.provenance_rows(details["provenance"])
            if rows:
                st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")
            else:
                st.caption("—")
            st.markdown(f"**{t('details.findings')}**")
            if not details["findings"]:
                st.caption(t("details.no_findings"))
            else:
                st.dataframe(pd.DataFrame([{t("details.severity"): i18n.severity(f["severity"]),
                                            t("details.rule"): i18n.rule_name(f["rule"]),
                                            t("details.explanation"): i18n.finding_explanation(f)}
                                           for f in details["findings"]]), hide_index=True)
                for i, finding in enumerate(details["findings"]):
                    evidence = i18n.evidence_rows(finding.get("evidence") or {})
                    if evidence:
                        with st.expander(t("details.evidence", rule=i18n.rule_name(finding["rule"]))):
                            st.dataframe(pd.DataFrame(evidence), hide_index=True, width="stretch")
            if {"Shipment", "Company"} & set(details["labels"]):
                from workbench.analysis.targets import inspections_of  # noqa: PLC0415

                try:
                    inspections = inspections_of(gw, selected, limit=50)
                except WorkbenchError as e:
                    st.error(str(e))
                    inspections = []
                if inspections:
                    st.markdown(f"**{t('details.inspections')}** ({len(inspections)})")
                    st.dataframe(pd.DataFrame([{t("targets.inspected_on"): i["date"], t("targets.col_document"): i["billOfLading"],
                                                t("targets.outcome"): t(f"targets.outcome_{i['outcome']}"),
                                                t("targets.notes"): i["notes"], t("targets.officer"): i["officer"]}
                                               for i in inspections]), hide_index=True, width="stretch")
            if "Company" in details["labels"]:
                try:
                    links = explore.trade_links(gw, [selected])
                except WorkbenchError as e:
                    st.error(str(e))
                    links = explore.Graph()
                trade = [e for e in links.edges.values() if e["type"] == explore.TRADE]
                st.markdown(f"**{t('details.trade')}** ({len(trade)})")
                if trade:
                    def partner(e: dict) -> str:
                        other = e["target"] if e["source"] == selected else e["source"]
                        return links.nodes.get(other, {}).get("caption", other)

                    st.dataframe(pd.DataFrame([{
                        t("trade.direction"): t("trade.sold") if e["source"] == selected else t("trade.bought"),
                        t("trade.partner"): partner(e), t("trade.shipments"): e["shipments"],
                        t("trade.first"): e["first"], t("trade.last"): e["last"],
                        t("trade.chemicals"): ", ".join(e["chemicals"]), t("trade.seized"): e["seized"],
                    } for e in trade]), hide_index=True, width="stretch")
                    pairs = {f"{e['source']}|{e['target']}": e for e in trade}
                    pair = st.selectbox(t("trade.pick"), list(pairs), key=f"trade_pick_{selected}",
                                        format_func=lambda p: f"{partner(pairs[p])} · {pairs[p]['shipments']}×")
                    if st.button(t("trade.expand"), key="trade_expand"):
                        edge = pairs[pair]
                        grown = copy_graph(graph).merge(links)
                        grown.merge(explore.link_shipments(gw, edge["source"], edge["target"]))
                        show(grown)
                        state.put(state.TRADE_VIEW, False)
                        del st.session_state["trade_toggle"]  # the toggle follows the view again
                        st.rerun()
            st.markdown(f"**{t('details.shipments')}** ({details['shipment_count']})")
            if details["pages"] > 1:  # a busy firm's shipments come in pages, newest first
                st.number_input(t("details.page", pages=details["pages"]), min_value=1, max_value=details["pages"],
                                step=1, key=f"details_page_{selected}")
            if details["shipments"]:
                st.dataframe(pd.DataFrame([{"B/L": s["caption"], t("timeline.date"): s["date"], "key": s["key"]}
                                           for s in details["shipments"]]), hide_index=True)
            st.markdown(f"**{t('details.seizures')}** ({len(details['seizures'])})")
            if details["seizures"]:
                st.dataframe(pd.DataFrame([{"id": z["caption"], t("timeline.date"): z["date"], "key": z["key"]}
                                           for z in details["seizures"]]), hide_index=True)
            if st.button(t("network.add_to_selection"), key="add_to_selection"):
                state.put(state.SELECTION, list(dict.fromkeys(state.get(state.SELECTION) + [selected])))
                st.rerun()
