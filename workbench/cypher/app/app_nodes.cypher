// ---
// id: app_nodes
// kind: internal
// mode: read
// title: {en: Nodes by key, es: Nodos por clave}
// description: >-
//   The nodes with the given keys (start of a network view, reopened cases), each with the context nodes that
//   describe it (country, ports, chemical) as attributes. Keys are looked up per label (one index lookup each), never by scanning every node.
// parameters:
//   - {name: keys, type: list<string>, default: null, example: ["company:acme"], description: node keys}
//   - {name: contextLabels, type: list<string>, default: [], example: ["Country", "Port"], description: labels shown as attributes of the nodes they describe}
// row: one node
// ---
CALL {
  UNWIND $keys AS k MATCH (n:Company {key: k}) RETURN n
  UNION ALL UNWIND $keys AS k MATCH (n:Person {key: k}) RETURN n
  UNION ALL UNWIND $keys AS k MATCH (n:Address {key: k}) RETURN n
  UNION ALL UNWIND $keys AS k MATCH (n:Phone {key: k}) RETURN n
  UNION ALL UNWIND $keys AS k MATCH (n:Email {key: k}) RETURN n
  UNION ALL UNWIND $keys AS k MATCH (n:Shipment {key: k}) RETURN n
  UNION ALL UNWIND $keys AS k MATCH (n:Container {key: k}) RETURN n
  UNION ALL UNWIND $keys AS k MATCH (n:Seizure {key: k}) RETURN n
  UNION ALL UNWIND $keys AS k MATCH (n:Chemical {key: k}) RETURN n
  UNION ALL UNWIND $keys AS k MATCH (n:Port {key: k}) RETURN n
  UNION ALL UNWIND $keys AS k MATCH (n:Country {key: k}) RETURN n
  UNION ALL UNWIND $keys AS k MATCH (n:Notification {key: k}) RETURN n
  UNION ALL UNWIND $keys AS k MATCH (n:WatchlistEntry {key: k}) RETURN n
  UNION ALL UNWIND $keys AS k MATCH (n:IngestRun {key: k}) RETURN n
  UNION ALL UNWIND $keys AS k MATCH (n:ResolutionDecision {key: k}) RETURN n
  UNION ALL UNWIND $keys AS k MATCH (n:Inspection {key: k}) RETURN n
  UNION ALL UNWIND $keys AS k MATCH (n:Payment {key: k}) RETURN n
}
RETURN n, labels(n) AS labels,
       [(n)--(c) WHERE any(l IN labels(c) WHERE l IN $contextLabels)
        | {label: labels(c)[0], key: c.key, name: coalesce(c.name, c.code, c.key)}][..20] AS context
