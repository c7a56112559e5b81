// ---
// id: app_expand
// kind: internal
// mode: read
// title: {en: One hop around entities, es: Un salto alrededor de entidades}
// description: >-
//   The network view's expansion step. Neighbours of the given nodes, optionally only through some relationship
//   types, only of some labels and only dated within a range (undated nodes always pass). Neighbours carrying
//   one of contextLabels (countries, ports, chemicals, ingest runs) are left out and come back as attributes of
//   the neighbours they describe; pass an empty list to bring them in. Keys are looked up per label (one index lookup each), never by scanning every node.
// parameters:
//   - {name: keys, type: list<string>, default: null, example: ["company:acme"], description: keys of the nodes to expand}
//   - {name: relTypes, type: list<string>, default: null, example: ["SHIPPED"], description: relationship types to follow (null = all)}
//   - {name: labels, type: list<string>, default: null, example: ["Shipment"], description: labels a neighbour must carry one of (null = all)}
//   - {name: contextLabels, type: list<string>, default: [], example: ["Country", "Port"], description: labels left out as neighbours and shown as attributes}
//   - {name: dateFrom, type: date, default: null, example: "2020-01-01", description: earliest date of a dated neighbour}
//   - {name: dateTo, type: date, default: null, example: "2030-12-31", description: latest date of a dated neighbour}
//   - {name: limit, type: integer, default: 301, example: 301, description: rows at most}
// row: one relationship from an expanded node to a neighbour
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
MATCH (s)-[r]-(n)
WHERE ($relTypes IS NULL OR type(r) IN $relTypes)
  AND none(l IN labels(n) WHERE l IN $contextLabels)
  AND ($labels IS NULL OR any(l IN labels(n) WHERE l IN $labels))
  AND ($dateFrom IS NULL OR coalesce(n.declarationDate, n.date, n.dispatchDate) IS NULL
       OR coalesce(n.declarationDate, n.date, n.dispatchDate) >= $dateFrom)
  AND ($dateTo IS NULL OR coalesce(n.declarationDate, n.date, n.dispatchDate) IS NULL
       OR coalesce(n.declarationDate, n.date, n.dispatchDate) <= $dateTo)
WITH s, r, n
LIMIT $limit
RETURN s.key AS origin, type(r) AS type, startNode(r).key AS source, endNode(r).key AS target, n, labels(n) AS labels,
       [(n)--(c) WHERE any(l IN labels(c) WHERE l IN $contextLabels)
        | {label: labels(c)[0], key: c.key, name: coalesce(c.name, c.code, c.key)}][..20] AS context
