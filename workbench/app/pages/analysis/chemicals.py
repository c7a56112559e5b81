"""Chemicals: identify chemicals in a text, and the catalogue with control status by date and jurisdiction."""

import datetime as dt

import pandas as pd
import streamlit as st

from workbench.app import access
from workbench.app.i18n import lang, t
from workbench.chemicals import JURISDICTIONS, control_status, identify, load_catalogue
from workbench.errors import WorkbenchError

access.guard("search")
st.title(t("chemicals.title"))
st.caption(t("chemicals.intro"))

try:
    catalogue = load_catalogue()
except WorkbenchError as e:
    access.show_error(e)
    st.stop()

spanish = lang() == "es"

st.subheader(t("chemicals.identify"))
with st.form("chemicals_identify"):
    texts = st.text_area(t("chemicals.texts"), height=120, key="chemicals_texts",
                         value="4-Piperidinone, 1-(2-phenylethyl)-\nacetone cyanohydrin\nCAS79099 powder")
    run = st.form_submit_button(t("chemicals.run"))
if run:
    rows: list[dict[str, object]] = []
    for text in (line.strip() for line in texts.splitlines()):
        if not text:
            continue
        found = identify(text, catalogue)
        if not found:
            rows.append({t("chemicals.text"): text, t("chemicals.chemical"): "—", t("chemicals.cas"): "",
                         t("chemicals.table"): "", t("chemicals.confidence"): None, t("chemicals.why"): t("chemicals.none")})
        for i, m in enumerate(found):
            name = (m.chemical.name_es if spanish and m.chemical.name_es else m.chemical.name)
            why = m.why if m.confident else f"{t('chemicals.candidate')} — {m.why}"
            rows.append({t("chemicals.text"): text if i == 0 else "", t("chemicals.chemical"): name,
                         t("chemicals.cas"): m.chemical.cas_number or "", t("chemicals.table"): m.chemical.schedule,
                         t("chemicals.confidence"): round(m.confidence, 2), t("chemicals.why"): why})
    st.dataframe(pd.DataFrame(rows), hide_index=True, use_container_width=True)

st.subheader(t("chemicals.catalogue"))
left, right = st.columns(2)
day = left.date_input(t("chemicals.status_on"), value=dt.date.today(), key="chemicals_on")
where = right.multiselect(t("chemicals.jurisdictions"), list(JURISDICTIONS), default=["UN"], key="chemicals_where")
where = where or ["UN"]
statuses = [control_status(chem, day, where) for chem in catalogue]
st.caption(t("chemicals.count", count=len(statuses), controlled=sum(s.controlled for s in statuses),
             day=day.isoformat(), where=", ".join(where)))
table = pd.DataFrame([{
    t("chemicals.chemical"): (s.chemical.name_es if spanish and s.chemical.name_es else s.chemical.name)
    + (f" ({s.chemical.short_name})" if s.chemical.short_name else ""),
    t("chemicals.cas"): s.chemical.cas_number or "",
    "HS": s.chemical.hs_code,
    t("chemicals.table"): s.chemical.schedule,
    t("chemicals.controlled"): t("chemicals.answer_yes") if s.controlled else t("chemicals.answer_no"),
    t("chemicals.lists"): ", ".join(s.lists),
    t("chemicals.status"): s.reason,
    t("chemicals.verified"): t("chemicals.answer_yes") if s.chemical.verified else t("chemicals.answer_no"),
} for s in statuses])
st.dataframe(table, hide_index=True, use_container_width=True)
with st.expander(t("chemicals.sources")):
    for sid, source in catalogue.sources.items():
        url = source.get("url")
        st.markdown(f"- **{sid}**: {source['title']}" + (f" — <{url}>" if url else ""))
