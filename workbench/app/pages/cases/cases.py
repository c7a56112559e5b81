"""Cases: save the current selection with notes as a named case; reopen it later; briefings start here."""

import streamlit as st

from workbench.app import access, entities, i18n, nav, state
from workbench.app import resources
from workbench.app.i18n import t
from workbench.app.markup import md, md_block
from workbench.cases.saved import Case, CaseStore, case_from_view, case_graph
from workbench.errors import WorkbenchError

user = access.guard("view_cases")
st.title(t("cases.title"))
store = CaseStore(resources.settings().home)
can_edit = access.allowed("edit_cases")


def current_selection() -> list[str]:
    graph = state.get(state.GRAPH)
    keys = list(state.get(state.SELECTION))
    if graph is not None:
        hidden = set(state.get(state.HIDDEN))
        keys += [k for k in graph.nodes if k not in hidden]
    return list(dict.fromkeys(keys))


def briefing_buttons(case: Case) -> None:
    """Prepare a briefing (PDF, PowerPoint, Markdown) or an export of the case, then offer it for download."""
    from workbench.briefing import FORMATS, Source, build_and_render  # noqa: PLC0415 - heavy; only when asked
    from workbench.exports.formats import export  # noqa: PLC0415

    gateway, settings = resources.gateway(), resources.settings()
    with st.form(f"brief_{case.slug}"):
        c1, c2 = st.columns(2)
        fmt = c1.selectbox(t("cases.format"), list(FORMATS) + ["graphml", "anx", "ftm", "csv"],
                           key=f"fmt_{case.slug}")
        marking = c2.text_input(t("cases.marking"), value=t("cases.marking_default"), key=f"mark_{case.slug}")
        withhold = st.multiselect(t("cases.withhold"), ["people", "contacts", "notes"],
                                  format_func=lambda v: t(f"cases.withhold_{v}"), placeholder=t("common.choose"),
                                  key=f"wh_{case.slug}")
        prepare = st.form_submit_button(t("cases.prepare"))
    if not prepare:
        return
    is_briefing = fmt in FORMATS
    action = "view_briefings" if is_briefing else "export_data"
    if not access.allowed(action):
        st.warning(t("cases.not_allowed"))
        return
    try:
        with st.spinner(t("cases.preparing")):
            if is_briefing:
                data, filename, mime = build_and_render(gateway, settings, Source.case(case.name), fmt,
                                                        lang=i18n.lang(), withhold=withhold, marking=marking,
                                                        author=user.username)
            else:
                data, filename, mime = export(gateway, settings, Source.case(case.name), fmt)
    except WorkbenchError as e:
        access.show_error(e)
        return
    access.record("briefing" if is_briefing else "export",
                  {"case": case.name, "format": fmt, "withhold": withhold, "marking": marking})
    st.download_button(t("cases.download", name=filename), data, file_name=filename, mime=mime,
                       key=f"dl_{case.slug}")


def open_case(case: Case) -> None:
    """Put the case's saved view back in the network view (the view it replaces stays one Undo away)."""
    graph, missing = case_graph(resources.gateway(), case)
    current = state.get(state.GRAPH)
    if current is not None:
        state.put(state.HISTORY, (state.get(state.HISTORY) + [{
            "graph": current, "hidden": list(state.get(state.HIDDEN)), "pinned": list(state.get(state.PINNED))}])[-20:])
    state.put(state.SELECTION, list(case.entity_keys))
    state.put(state.GRAPH, graph)
    state.put(state.PINNED, list(case.pinned))
    state.put(state.HIDDEN, list(case.hidden))
    state.put(state.POSITIONS, {**state.get(state.POSITIONS), **case.positions})
    state.put(state.TRADE_VIEW, bool(case.trade_view))
    st.session_state.pop("trade_toggle", None)
    state.put(state.SELECTED, None)
    state.put(state.NOTICE, None)
    if missing:
        st.warning(t("cases.missing", keys=", ".join(missing)))


if can_edit:
    selection = current_selection()
    with st.form("save_case"):
        name = st.text_input(t("cases.name"), key="case_name")
        notes = st.text_area(t("cases.notes"), key="case_notes")
        replace = st.checkbox(t("cases.replace"), key="case_replace")
        st.caption(f"{len(selection)} {t('cases.entities')}")
        save = st.form_submit_button(t("cases.save"))
    if save:
        existing = {c.slug for c in store.list()}
        if not selection:
            st.warning(t("cases.empty_selection"))
        elif Case(name=name).slug in existing and not replace:
            st.warning(t("cases.exists", name=name))
        else:
            graph = state.get(state.GRAPH)
            try:
                if graph is None:
                    case = Case(name=name, entity_keys=selection, notes=notes, created_by=user.username)
                else:
                    case = case_from_view(name, graph, notes=notes, created_by=user.username,
                                          hidden=list(state.get(state.HIDDEN)), pinned=list(state.get(state.PINNED)),
                                          positions=state.get(state.POSITIONS), trade_view=state.get(state.TRADE_VIEW),
                                          extra_keys=list(state.get(state.SELECTION)))
                case = store.save(case)
            except WorkbenchError as e:
                st.error(str(e))
            else:
                access.record("case_save", {"case": case.name, "entities": len(case.entity_keys),
                                            "relationships": len(case.relationships)})
                st.success(t("cases.saved", name=case.name, count=len(case.entity_keys)))
else:
    st.info(t("cases.read_only"))

st.subheader(t("cases.list"))
trashed = store.deleted() if can_edit else []
if trashed:
    r1, r2 = st.columns([3, 1])
    again = r1.selectbox(t("cases.restore_pick"), [c.name for c in trashed], key="restore_pick")
    if r2.button(t("cases.restore"), key="restore_case"):
        try:
            store.restore(again)
        except WorkbenchError as e:
            st.error(str(e))
        else:
            access.record("case_save", {"case": again, "restored": True})
            st.rerun()
cases = store.list()
if not cases:
    st.info(t("cases.none"))
for case in cases:
    with st.expander(f"{md(case.name)} · {len(case.entity_keys)} {t('cases.entities')} · "
                     f"{len(case.relationships)} {t('cases.relationships')} · {case.updated_at[:10]}"):
        st.write(md_block(case.notes or "—"))
        st.code("\n".join(case.entity_keys) or "—", language=None)
        c1, c2 = st.columns(2)
        if access.allowed("network") and c1.button(t("cases.open"), key=f"open_{case.slug}"):
            open_case(case)
            nav.go("network")
        if can_edit:
            member = entities.entity_input(t("cases.add_member"), f"member_{case.slug}")
            m1, m2 = st.columns(2)
            if m1.button(t("cases.add"), key=f"add_{case.slug}", disabled=member is None) and member is not None:
                case.entity_keys = list(dict.fromkeys([*case.entity_keys, member["key"]]))
                store.save(case)
                access.record("case_save", {"case": case.name, "entities": len(case.entity_keys)})
                st.rerun()
            drop = m2.multiselect(t("cases.remove_members"), case.entity_keys, key=f"drop_{case.slug}",
                                  placeholder=t("common.choose"))
            if drop and m2.button(t("cases.remove"), key=f"remove_{case.slug}"):
                case.entity_keys = [k for k in case.entity_keys if k not in drop]
                case.relationships = [r for r in case.relationships
                                      if r.get("source") not in drop and r.get("target") not in drop]
                store.save(case)
                access.record("case_save", {"case": case.name, "entities": len(case.entity_keys)})
                st.rerun()
        if can_edit and c2.button(t("cases.delete"), key=f"delete_{case.slug}"):
            store.delete(case.name)
            access.record("case_delete", {"case": case.name})
            st.rerun()
        st.markdown(f"**{t('cases.briefing')}**")
        briefing_buttons(case)
