"""The inspection queue of a port or airport: arriving consignments ranked with their reasons, and the outcome of an
inspection recorded where the officer reads them (workbench/analysis/targets.py)."""

from datetime import date, timedelta

import pandas as pd
import streamlit as st

from workbench.analysis import targets
from workbench.app import access, downloads, i18n, resources, state
from workbench.app.i18n import t
from workbench.app.markup import md, md_block
from workbench.errors import WorkbenchError

user = access.guard("view_targets")
lang = i18n.lang()
st.title(t("targets.title"))
st.caption(t("targets.intro"))
gw = resources.gateway()


def build(port: str, first: str, last: str) -> targets.Queue:
    with st.spinner(t("targets.running")):
        return targets.build_queue(gw, port, first, last, party_risk=resources.findings_index())


try:
    ports = targets.arrival_ports(gw)
except WorkbenchError as e:
    st.error(t("targets.failed", error=md(str(e))))
    st.stop()
if not ports:
    st.info(t("targets.no_ports"))
    st.stop()
by_code = {p["code"]: p for p in ports}
with st.form("targets_form"):
    c1, c2, c3 = st.columns([2, 1, 1])
    code = c1.selectbox(t("targets.port"), list(by_code), key="targets_port",
                        format_func=lambda c: f"{by_code[c]['name']} ({c})")
    latest = date.fromisoformat(str(by_code[code]["last"])[:10]) if by_code[code].get("last") else date.today()
    first_day = c2.date_input(t("targets.date_from"), value=latest - timedelta(days=30), key="targets_from")
    last_day = c3.date_input(t("targets.date_to"), value=latest, key="targets_to")
    shown = st.form_submit_button(t("targets.show"))
if shown:
    try:
        queue = build(code, str(first_day), str(last_day))
    except WorkbenchError as e:
        access.show_error(e)
        st.stop()
    state.put(state.TARGETS, queue)
    access.record("targets", {"port": queue.port["code"], "from": queue.date_from, "to": queue.date_to,
                              "consignments": len(queue.targets)})
queue = state.get(state.TARGETS)
if queue is None:
    st.stop()
saved = state.get(state.TARGETS_SAVED)
if saved:
    st.success(t("targets.saved", outcome=t(f"targets.outcome_{saved[0]}"), document=md(saved[1])))
    state.put(state.TARGETS_SAVED, None)
p = queue.port
kind_key = f"targets.kind_{p['kind']}"
st.subheader(md(t("targets.summary", port=p["name"], code=p["code"],
                  kind=t(kind_key) if kind_key in i18n.messages("en") else p["kind"], first=queue.date_from,
                  last=queue.date_to, count=len(queue.targets))))
if not queue.targets:
    st.info(t("targets.none"))
    st.stop()


def mode_name(mode: str) -> str:
    key = f"targets.mode_{mode}"
    return t(key) if key in i18n.messages("en") else mode


flat = [target.flat(lang) for target in queue.targets]
table = pd.DataFrame([{
    t("targets.col_rank"): row["rank"],
    t("targets.col_score"): row["score"],
    t("targets.col_document"): row["billOfLading"],
    t("targets.col_date"): row["date"],
    t("targets.col_mode"): mode_name(row["mode"]),
    t("targets.col_consignee"): row["consignee"],
    t("targets.col_reasons"): row["reasons"],
    t("targets.col_inspected"): row["inspected"],
    t("targets.col_shipper"): row["shipper"],
} for row in flat])
st.dataframe(table, hide_index=True, width="stretch", column_config={
    t("targets.col_rank"): st.column_config.NumberColumn(width="small"),
    t("targets.col_score"): st.column_config.ProgressColumn(min_value=0, max_value=100, format="%.1f", width="small"),
    t("targets.col_mode"): st.column_config.TextColumn(width="small"),
    t("targets.col_reasons"): st.column_config.TextColumn(width="large"),
})
st.download_button(t("targets.csv"), data=downloads.later(downloads.to_csv, pd.DataFrame(flat)),
                   file_name=f"inspection-queue-{p['code']}-{queue.date_from}-{queue.date_to}.csv", mime="text/csv",
                   key="targets_csv", on_click=access.record,
                   args=("export", {"view": "targets", "port": p["code"], "format": "csv", "rows": len(flat)}))

by_key = {target.key: target for target in queue.targets}
chosen = st.selectbox(t("targets.pick"), list(by_key), key="targets_pick",
                      format_func=lambda k: f"{by_key[k].billOfLading} · "
                      f"{', '.join(str(c.get('name')) for c in by_key[k].consignees)}")
target = by_key[chosen]
with st.expander(f"#{target.rank} · {target.billOfLading} · {target.score:.1f}", expanded=True):
    st.caption(md(t("targets.goods", goods=target.goodsDescription or "—", hs=target.hsCode or "—",
                    weight=target.weightKg if target.weightKg is not None else "—")))
    st.markdown(f"**{t('targets.reasons')}**")
    if not target.reasons:
        st.caption(t("targets.no_reasons"))
    lines = []
    for reason in target.reasons:
        weight = f"**+{reason.weight:.2f}** " if reason.weight > 0 else ""
        lines.append(f"- {weight}{md(reason.text(lang))}")
        if reason.code == "party_risk":
            lines += [f"    - *{md(line)}*" for line in targets.finding_lines(reason, lang)]
    if lines:
        st.markdown("\n".join(lines))
    st.markdown(f"**{t('targets.inspections')}**")
    if target.inspections:
        st.dataframe(pd.DataFrame([{t("targets.inspected_on"): i.get("date"),
                                    t("targets.outcome"): t(f"targets.outcome_{i.get('outcome')}"),
                                    t("targets.notes"): i.get("notes"), t("targets.officer"): i.get("officer")}
                                   for i in target.inspections]), hide_index=True, width="stretch")
    else:
        st.caption(t("targets.no_inspections"))

st.markdown(f"**{t('targets.record')}**")
if not access.allowed("record_inspection"):
    st.caption(t("targets.record_denied"))
    st.stop()
with st.form("inspection_form", clear_on_submit=True):
    c1, c2 = st.columns([2, 1])
    outcomes = {t(f"targets.outcome_{o}"): o for o in targets.OUTCOMES}
    outcome = outcomes[str(c1.radio(t("targets.outcome"), list(outcomes), key="inspection_outcome", horizontal=True))]
    day = c2.date_input(t("targets.inspected_on"), value=date.today(), max_value=date.today(), key="inspection_day")
    notes = st.text_area(t("targets.notes"), key="inspection_notes", max_chars=targets.MAX_NOTES)
    record = st.form_submit_button(t("targets.save"))
if record:
    try:
        item = targets.record_inspection(gw, resources.audit(), user.username, target.key, outcome, notes,
                                         day=day)
    except WorkbenchError as e:
        st.error(md_block(str(e)))
        st.stop()
    resources.risk_ranking.clear()  # the outcome is evidence now: rank the firms and the queue again
    try:
        state.put(state.TARGETS, build(queue.port["code"], queue.date_from, queue.date_to))
    except WorkbenchError as e:
        access.show_error(e)
        st.stop()
    state.put(state.TARGETS_SAVED, (item.outcome, target.billOfLading or target.key))
    st.rerun()
