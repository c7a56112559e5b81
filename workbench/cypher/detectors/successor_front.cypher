// ---
// id: successor_front
// kind: detector
// mode: read
// title: {en: Successor front of a sanctioned or seizure-linked firm, es: Empresa sucesora de una firma sancionada o con aseguramientos}
// description: >-
//   A company incorporated after a firm was listed on a sanctions list or had a shipment seized, that shares an
//   officer, address, phone or e-mail with that firm. Elements shared by more than maxSharers firms (registered
//   agents, business centres) are ignored; the score falls with how common the shared element is.
// category: successor-front
// severity: critical
// parameters:
//   - {name: maxSharers, type: integer, default: 5, example: 5, description: ignore elements shared by more firms than this}
// row: one successor company, the tainted firm it follows and what they share
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
