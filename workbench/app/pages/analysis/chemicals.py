"""Chemicals: identify chemicals in a text, and the catalogue with control status by date and jurisdiction."""

import datetime as dt

import pandas as pd
import streamlit as st

from workbench.app import access
from workbench.app.i18n import lang, t
from workbench.chemicals import JURISDICTIONS, Chemical, ControlStatus, Match, control_status, identify, load_catalogue
from workbench.chemicals.status import effective_date
from workbench.errors import WorkbenchError

access.guard("search")
spanish = lang() == "es"


def name_of(chem: Chemical) -> str:
    return chem.name_es if spanish and chem.name_es else chem.name


def list_name(code: str) -> str:
    try:
        return t(f"chemicals.list_{code}")
    except KeyError:
        return code


def why(m: Match) -> str:
    """The matcher's reason in the page's language."""
    p = {"cas": "", "form": "", "written": "", "alias": "", "edits": "", **m.params}
    text = t(f"chemicals.why_{m.evidence}", name=name_of(m.chemical), **{k: v for k, v in p.items()
                                                                         if k not in ("salt", "foreign")})
    if p.get("salt"):
        text += t("chemicals.why_salt", salt=p["salt"])
    if p.get("foreign"):
        text += t("chemicals.why_foreign", foreign=p["foreign"], name=name_of(m.chemical))
    return text if m.confident else f"{t('chemicals.candidate')} — {text}"


def since(day: dt.date, how: str) -> str:
    if how == "unknown":
        return t("chemicals.date_unknown")
    return t("chemicals.estimated", day=day.isoformat()) if how == "estimated" else day.isoformat()


def reason(s: ControlStatus) -> str:
    where = ", ".join(s.jurisdictions)
    if s.in_force:
        parts = "; ".join(t("chemicals.part", jurisdiction=c.jurisdiction, list=list_name(c.list), decision=c.decision,
                            since=since(*effective_date(c))) for c in s.in_force)
        return t("chemicals.reason_controlled", day=s.on.isoformat(), where=where, parts=parts)
    if s.pending:
        c = s.pending[0]
        return t("chemicals.reason_pending", day=s.on.isoformat(), where=where, decision=c.decision,
                 since=since(*effective_date(c)))
    return t("chemicals.reason_free", day=s.on.isoformat(), where=where)


st.title(t("chemicals.title"))
st.caption(t("chemicals.intro"))
try:
    catalogue = load_catalogue()
except WorkbenchError as e:
    access.show_error(e)
    st.stop()

st.subheader(t("chemicals.identify"))
with st.form("chemicals_identify"):
    texts = st.text_area(t("chemicals.texts"), height=120, key="chemicals_texts",
                         value="4-Piperidinone, 1-(2-phenylethyl)-\nacetone cyanohydrin\nCAS79099 powder")
    run = st.form_submit_button(t("chemicals.run"))
if run:
    rows: list[dict[str, str]] = []
    for text in (line.strip() for line in texts.splitlines()):
        if not text:
            continue
        found = identify(text, catalogue)
        if not found:
            rows.append({t("chemicals.text"): text, t("chemicals.chemical"): "—", t("chemicals.cas"): "",
                         t("chemicals.table"): "", t("chemicals.confidence"): "", t("chemicals.why"): t("chemicals.none")})
        for i, m in enumerate(found):
            rows.append({t("chemicals.text"): text if i == 0 else "", t("chemicals.chemical"): name_of(m.chemical),
                         t("chemicals.cas"): m.chemical.cas_number or "",
                         t("chemicals.table"): list_name(m.chemical.schedule),
                         t("chemicals.confidence"): f"{m.confidence:.2f}", t("chemicals.why"): why(m)})
    st.dataframe(pd.DataFrame(rows), hide_index=True, use_container_width=True)

st.subheader(t("chemicals.catalogue"))
left, right = st.columns(2)
day = left.date_input(t("chemicals.status_on"), value=dt.date.today(), key="chemicals_on")
where = right.multiselect(t("chemicals.jurisdictions"), list(JURISDICTIONS), default=["UN"], key="chemicals_where")
statuses = [control_status(chem, day, where or ["UN"]) for chem in catalogue]
st.caption(t("chemicals.count", count=len(statuses), controlled=sum(s.controlled for s in statuses),
             day=day.isoformat(), where=", ".join(where or ["UN"])))
table = pd.DataFrame([{
    t("chemicals.chemical"): name_of(s.chemical) + (f" ({s.chemical.short_name})" if s.chemical.short_name else ""),
    t("chemicals.cas"): s.chemical.cas_number or "",
    "HS": s.chemical.hs_code,
    t("chemicals.table"): list_name(s.chemical.schedule),
    t("chemicals.controlled"): t("chemicals.answer_yes") if s.controlled else t("chemicals.answer_no"),
    t("chemicals.lists"): ", ".join(f"{c.jurisdiction} {list_name(c.list)}" for c in s.in_force),
    t("chemicals.status"): reason(s),
    t("chemicals.verified"): t("chemicals.answer_yes") if s.chemical.verified else t("chemicals.answer_no"),
} for s in statuses])
st.dataframe(table, hide_index=True, use_container_width=True)
with st.expander(t("chemicals.sources")):
    for sid, source in catalogue.sources.items():
        url = source.get("url")
        st.markdown(f"- **{sid}**: {source['title']}" + (f" — <{url}>" if url else ""))
