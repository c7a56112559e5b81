// ---
// id: app_node_details
// kind: internal
// mode: read
// title: {en: Details of one entity, es: Detalle de una entidad}
// description: >-
//   The details panel of the network view. One node with one page of its shipments (through any party role,
//   newest first, skip then limit) and how many it has in all, the seizures made from any of its shipments or
//   linked directly, and the context nodes that describe it. A busy forwarder's tens of thousands of shipments
//   are read on the server to count and order them, but only one page travels. Keys are looked up per label
//   (one index lookup each), never by scanning every node.
// parameters:
//   - {name: key, type: string, default: null, example: "company:acme", description: node key}
//   - {name: contextLabels, type: list<string>, default: [], example: ["Country", "Port"], description: labels shown as attributes}
//   - {name: skip, type: integer, default: 0, example: 0, description: shipments skipped (the page's start)}
//   - {name: limit, type: integer, default: 50, example: 50, description: shipments in the page}
// row: the node with one page of its shipments, their total and its seizures
// ---
CALL {
  UNWIND [$key] AS k MATCH (n:Company {key: k}) RETURN n
  UNION ALL UNWIND [$key] AS k MATCH (n:Person {key: k}) RETURN n
  UNION ALL UNWIND [$key] AS k MATCH (n:Address {key: k}) RETURN n
  UNION ALL UNWIND [$key] AS k MATCH (n:Phone {key: k}) RETURN n
  UNION ALL UNWIND [$key] AS k MATCH (n:Email {key: k}) RETURN n
  UNION ALL UNWIND [$key] AS k MATCH (n:Shipment {key: k}) RETURN n
  UNION ALL UNWIND [$key] AS k MATCH (n:Container {key: k}) RETURN n
  UNION ALL UNWIND [$key] AS k MATCH (n:Seizure {key: k}) RETURN n
  UNION ALL UNWIND [$key] AS k MATCH (n:Chemical {key: k}) RETURN n
  UNION ALL UNWIND [$key] AS k MATCH (n:Port {key: k}) RETURN n
  UNION ALL UNWIND [$key] AS k MATCH (n:Country {key: k}) RETURN n
  UNION ALL UNWIND [$key] AS k MATCH (n:Notification {key: k}) RETURN n
  UNION ALL UNWIND [$key] AS k MATCH (n:WatchlistEntry {key: k}) RETURN n
  UNION ALL UNWIND [$key] AS k MATCH (n:IngestRun {key: k}) RETURN n
  UNION ALL UNWIND [$key] AS k MATCH (n:ResolutionDecision {key: k}) RETURN n
  UNION ALL UNWIND [$key] AS k MATCH (n:Inspection {key: k}) RETURN n
  UNION ALL UNWIND [$key] AS k MATCH (n:Payment {key: k}) RETURN n
}
CALL (n) {
  OPTIONAL MATCH (n)--(sh:Shipment)
  WITH DISTINCT sh
  ORDER BY sh.declarationDate DESC, sh.key
  WITH collect(sh) AS ships
  RETURN size(ships) AS shipmentCount, ships[$skip..($skip + $limit)] AS page,
         reduce(acc = [], sh IN ships | acc + [(sh)<-[:SEIZED_FROM]-(z:Seizure) | z]) AS shipmentSeizures
}
WITH n, shipmentSeizures,
     CASE WHEN n:Shipment THEN shipmentCount + 1 ELSE shipmentCount END AS shipmentCount,
     CASE WHEN n:Shipment AND $skip = 0 THEN [n] + page ELSE page END AS shipments
RETURN n, labels(n) AS labels, shipments, shipmentCount,
       [(n)--(z:Seizure) | z] + shipmentSeizures AS seizures,
       [(n)--(c) WHERE any(l IN labels(c) WHERE l IN $contextLabels)
        | {label: labels(c)[0], key: c.key, name: coalesce(c.name, c.code, c.key)}][..20] AS context
