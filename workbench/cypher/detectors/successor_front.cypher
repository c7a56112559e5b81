// ---
// id: successor_front
// kind: detector
// mode: read
// title: {en: Successor front of a sanctioned or seizure-linked firm, es: Empresa sucesora de una firma sancionada o con aseguramientos}
// description:
//   en: >-
//     A company incorporated after a firm was listed on a sanctions list or had a shipment seized, that shares an
//     officer, address, phone or e-mail with that firm. Elements shared by more than maxSharers firms (registered
//     agents, business centres) are ignored; the score falls with how common the shared element is.
//   es: >-
//     Una empresa constituida después de que otra fuera incluida en una lista de sanciones o tuviera un envío asegurado, y
//     que comparte con ella un directivo, domicilio, teléfono o correo. Se ignoran los elementos que comparten más de
//     maxSharers empresas (agentes registrados, centros de negocios); la puntuación baja cuanto más común es el elemento.
// category: successor-front
// severity: critical
// parameters:
//   - {name: maxSharers, type: integer, default: 5, example: 5, description: ignore elements shared by more firms than this}
// row: {en: "one successor company, the tainted firm it follows and what they share", es: "una empresa sucesora, la empresa señalada a la que sucede y lo que comparten"}
// explanation:
//   en: >-
//     {% set first = (evidence.events|selectattr('date', 'equalto', evidence.firstEvent)|list or evidence.events)[0] %}{{ entities[0].name }}
//     was incorporated on {{ evidence.incorporationDate|date }}, after {{ entities[1].name }} was
//     {% if first.kind == 'listing' %}listed on {{ first.name or first.key }}{% else %}linked to seizure {{ first.name or first.key }}{% endif %}
//     on {{ evidence.firstEvent|date }}, and shares with it
//     {% for x in evidence.shared %}{{ x.element|lower }} {{ x.value }}{{ '; ' if not loop.last }}{% endfor %}.
//   es: >-
//     {% set first = (evidence.events|selectattr('date', 'equalto', evidence.firstEvent)|list or evidence.events)[0] %}{% set word = {'Address': 'el domicilio', 'Phone': 'el teléfono', 'Email': 'el correo', 'Person': 'el directivo'} %}{{ entities[0].name }}
//     se constituyó el {{ evidence.incorporationDate|date }}, después de que {{ entities[1].name }}
//     {% if first.kind == 'listing' %}fuera incluida en {{ first.name or first.key }}{% else %}quedara vinculada al aseguramiento {{ first.name or first.key }}{% endif %}
//     el {{ evidence.firstEvent|date }}, y comparte con ella
//     {% for x in evidence.shared %}{{ word.get(x.element, x.element|lower) }} {{ x.value }}{{ '; ' if not loop.last }}{% endfor %}.
// ---
CALL () {
  MATCH (t:Company)-[:LISTED_ON]->(w:WatchlistEntry)
  WHERE coalesce(w.listedDate, w.firstSeen) IS NOT NULL
  RETURN t, substring(coalesce(w.listedDate, w.firstSeen), 0, 10) AS eventDate,
         {kind: 'listing', key: w.key, name: coalesce(w.dataset, w.listId, w.name), date: substring(coalesce(w.listedDate, w.firstSeen), 0, 10)} AS event
  UNION
  MATCH (z:Seizure)-[:SEIZED_FROM]->(:Shipment)-[:SHIPPED|CONSIGNED_TO]-(t:Company)
  WHERE z.date IS NOT NULL
  RETURN t, z.date AS eventDate, {kind: 'seizure', key: z.key, name: z.seizureId, date: z.date} AS event
}
WITH t, min(eventDate) AS firstEvent, collect(event) AS events
MATCH (t)-[:HAS_ADDRESS|HAS_PHONE|HAS_EMAIL|OFFICER_OF]-(e)-[:HAS_ADDRESS|HAS_PHONE|HAS_EMAIL|OFFICER_OF]-(f:Company)
WHERE f <> t AND f.incorporationDate IS NOT NULL AND f.incorporationDate > firstEvent
  AND (e:Address OR e:Phone OR e:Email OR e:Person)
WITH t, f, firstEvent, events, e, COUNT { (e)-[:HAS_ADDRESS|HAS_PHONE|HAS_EMAIL|OFFICER_OF]-(:Company) } AS n
WHERE n <= $maxSharers
WITH t, f, firstEvent, events,
     collect(DISTINCT {element: labels(e)[0], key: e.key, value: coalesce(e.full, e.number, e.address, e.name, e.key),
                       sharedBy: n}) AS shared,
     max(1.0 / (log(n) / log(2))) AS weight
WITH t, f, firstEvent, [x IN events WHERE x.date = firstEvent][0] AS first, events, shared, weight
RETURN [{label: 'Company', key: f.key, name: f.name}, {label: 'Company', key: t.key, name: t.name}] AS entities,
       f.name + ' was incorporated on ' + f.incorporationDate + ', after ' + t.name + ' was '
         + CASE first.kind WHEN 'listing' THEN 'listed on ' + coalesce(first.name, first.key) ELSE 'linked to seizure ' + coalesce(first.name, first.key) END
         + ' on ' + firstEvent + ', and shares with it '
         + reduce(s = '', x IN shared | s + CASE WHEN s = '' THEN '' ELSE '; ' END + toLower(x.element) + ' ' + x.value) + '.' AS explanation,
       {successor: f.key, incorporationDate: f.incorporationDate, tainted: t.key, firstEvent: firstEvent,
        events: events[..5], shared: shared} AS evidence,
       round(CASE WHEN 0.5 + 0.25 * size(shared) * weight > 1.0 THEN 1.0 ELSE 0.5 + 0.25 * size(shared) * weight END, 3) AS score
ORDER BY score DESC, f.key
