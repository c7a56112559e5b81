// ---
// id: app_timeline
// kind: internal
// mode: read
// title: {en: Dated events of entities, es: Eventos fechados de entidades}
// description: >-
//   The timeline page. The selected entities' own dated events: themselves when dated, their shipments,
//   notifications, seizures and the incorporations of firms they are directly linked to (never through a
//   country, port, chemical or run), and the seizures made from their shipments. Seizures come first, then
//   notifications, incorporations and shipments, newest first, so a cut never hides a seizure while shipments
//   remain. Keys are looked up per label (one index lookup each), never by scanning every node. Each event comes
//   as its key and what captions it (name, or the label's display property: B/L, seizure id, PEN id; a test keeps
//   these equal to the model), not the whole node: a busy firm's 2,000 shipments with their provenance lists took
//   a third more time (390 against 250 ms at 100k manifests). The UNION above already keeps each event once per
//   entity, so the rows need no DISTINCT.
// parameters:
//   - {name: keys, type: list<string>, default: null, example: ["company:acme"], description: keys of the selected entities}
//   - {name: kinds, type: list<string>, default: ["Seizure", "Notification", "Company", "Shipment"], example: ["Seizure"], description: labels of the events wanted}
//   - {name: dateFrom, type: date, default: null, example: "2020-01-01", description: earliest event date}
//   - {name: dateTo, type: date, default: null, example: "2030-12-31", description: latest event date}
//   - {name: limit, type: integer, default: 2001, example: 2001, description: rows at most}
// row: one dated node and the selected entity it belongs to
// ---
CALL {
  UNWIND $keys AS k MATCH (s:Company {key: k}) RETURN s
  UNION ALL UNWIND $keys AS k MATCH (s:Person {key: k}) RETURN s
  UNION ALL UNWIND $keys AS k MATCH (s:Address {key: k}) RETURN s
  UNION ALL UNWIND $keys AS k MATCH (s:Phone {key: k}) RETURN s
  UNION ALL UNWIND $keys AS k MATCH (s:Email {key: k}) RETURN s
  UNION ALL UNWIND $keys AS k MATCH (s:Shipment {key: k}) RETURN s
  UNION ALL UNWIND $keys AS k MATCH (s:Container {key: k}) RETURN s
  UNION ALL UNWIND $keys AS k MATCH (s:Seizure {key: k}) RETURN s
  UNION ALL UNWIND $keys AS k MATCH (s:Chemical {key: k}) RETURN s
  UNION ALL UNWIND $keys AS k MATCH (s:Port {key: k}) RETURN s
  UNION ALL UNWIND $keys AS k MATCH (s:Country {key: k}) RETURN s
  UNION ALL UNWIND $keys AS k MATCH (s:Notification {key: k}) RETURN s
  UNION ALL UNWIND $keys AS k MATCH (s:WatchlistEntry {key: k}) RETURN s
  UNION ALL UNWIND $keys AS k MATCH (s:IngestRun {key: k}) RETURN s
  UNION ALL UNWIND $keys AS k MATCH (s:ResolutionDecision {key: k}) RETURN s
  UNION ALL UNWIND $keys AS k MATCH (s:Inspection {key: k}) RETURN s
  UNION ALL UNWIND $keys AS k MATCH (s:Payment {key: k}) RETURN s
}
CALL (s) {
  RETURN s AS e
  UNION
  MATCH (s)-[:SHIPPED|CONSIGNED_TO|NOTIFY_PARTY|ARRANGED|SEIZED_FROM|IN_CONTAINER|EXPORTER|IMPORTER|OFFICER_OF|FOUND|SEIZED_AT|ENTRY_POINT|COVERS]-(e)
  WHERE e:Shipment OR e:Seizure OR e:Notification OR e:Company
  RETURN e
  UNION
  MATCH (s)-[:SHIPPED|CONSIGNED_TO|NOTIFY_PARTY|ARRANGED]-(:Shipment)<-[:SEIZED_FROM]-(e:Seizure)
  RETURN e
}
WITH s, e, CASE WHEN e:Seizure THEN e.date WHEN e:Notification THEN e.dispatchDate
                WHEN e:Shipment THEN e.declarationDate WHEN e:Company THEN e.incorporationDate END AS eventDate,
     CASE WHEN e:Seizure THEN 0 WHEN e:Notification THEN 1 WHEN e:Company THEN 2 ELSE 3 END AS rank
WHERE eventDate IS NOT NULL AND any(l IN labels(e) WHERE l IN $kinds)
  AND ($dateFrom IS NULL OR eventDate >= $dateFrom) AND ($dateTo IS NULL OR eventDate <= $dateTo)
RETURN s.key AS origin, e {.key, .name, .billOfLading, .seizureId, .penId} AS e, labels(e) AS labels, eventDate AS date, rank
ORDER BY rank, eventDate DESC
LIMIT $limit
