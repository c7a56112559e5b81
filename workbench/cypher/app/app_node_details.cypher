// ---
// id: app_node_details
// kind: internal
// mode: read
// title: {en: Details of one entity, es: Detalle de una entidad}
// description: >-
//   The details panel of the network view. One node with its shipments (through any party role, at most
//   limit), the seizures made from those shipments or linked directly, and the context nodes that describe it.
//   Keys are looked up per label (one index lookup each), never by scanning every node.
// parameters:
//   - {name: key, type: string, default: null, example: "company:acme", description: node key}
//   - {name: contextLabels, type: list<string>, default: [], example: ["Country", "Port"], description: labels shown as attributes}
//   - {name: limit, type: integer, default: 500, example: 500, description: shipments at most}
// row: the node with its shipments and seizures
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
}
OPTIONAL MATCH (n)--(sh:Shipment)
WITH n, collect(DISTINCT sh)[..$limit] AS direct
WITH n, CASE WHEN n:Shipment THEN direct + [n] ELSE direct END AS shipments
RETURN n, labels(n) AS labels, shipments,
       [(n)--(z:Seizure) | z] + reduce(acc = [], sh IN shipments | acc + [(sh)<-[:SEIZED_FROM]-(z:Seizure) | z]) AS seizures,
       [(n)--(c) WHERE any(l IN labels(c) WHERE l IN $contextLabels)
        | {label: labels(c)[0], key: c.key, name: coalesce(c.name, c.code, c.key)}][..20] AS context
