// ---
// id: app_shortest_paths
// kind: internal
// mode: read
// title: {en: A shortest path between two entities, es: Un camino más corto entre dos entidades}
// description: >-
//   One shortest path (six hops at most) between two nodes, kept when no longer than maxHops. One, not all:
//   between two busy firms every shipment to a common partner is another path of the same length, and listing
//   them all took 5 to 9 s at 100k manifests (shortestPath: 0.4 s; issue 15). Unless
//   includeContext is true, paths only follow relationships between subject nodes (the model's relationship
//   types that touch no context label; a test keeps this list equal to the model), so two firms are never
//   linked through a country, port, chemical or ingest run. The type list sits in the pattern because a filter
//   on the nodes of a shortest-path search is applied after the search on ArcadeDB (no path instead of a longer one).
//   Keys are looked up per label (one index lookup each), never by scanning every node.
// parameters:
//   - {name: a, type: string, default: null, example: "company:acme", description: key of the first node}
//   - {name: b, type: string, default: null, example: "company:beta", description: key of the second node}
//   - {name: maxHops, type: integer, default: 4, example: 4, description: longest path kept (at most 6)}
//   - {name: includeContext, type: boolean, default: false, example: false, description: also walk through countries, ports, chemicals and runs}
// row: the path as node keys and relationship types
// ---
CALL {
  UNWIND [$a] AS k MATCH (a:Company {key: k}) RETURN a
  UNION ALL UNWIND [$a] AS k MATCH (a:Person {key: k}) RETURN a
  UNION ALL UNWIND [$a] AS k MATCH (a:Address {key: k}) RETURN a
  UNION ALL UNWIND [$a] AS k MATCH (a:Phone {key: k}) RETURN a
  UNION ALL UNWIND [$a] AS k MATCH (a:Email {key: k}) RETURN a
  UNION ALL UNWIND [$a] AS k MATCH (a:Shipment {key: k}) RETURN a
  UNION ALL UNWIND [$a] AS k MATCH (a:Container {key: k}) RETURN a
  UNION ALL UNWIND [$a] AS k MATCH (a:Seizure {key: k}) RETURN a
  UNION ALL UNWIND [$a] AS k MATCH (a:Chemical {key: k}) RETURN a
  UNION ALL UNWIND [$a] AS k MATCH (a:Port {key: k}) RETURN a
  UNION ALL UNWIND [$a] AS k MATCH (a:Country {key: k}) RETURN a
  UNION ALL UNWIND [$a] AS k MATCH (a:Notification {key: k}) RETURN a
  UNION ALL UNWIND [$a] AS k MATCH (a:WatchlistEntry {key: k}) RETURN a
  UNION ALL UNWIND [$a] AS k MATCH (a:IngestRun {key: k}) RETURN a
  UNION ALL UNWIND [$a] AS k MATCH (a:ResolutionDecision {key: k}) RETURN a
  UNION ALL UNWIND [$a] AS k MATCH (a:Inspection {key: k}) RETURN a
  UNION ALL UNWIND [$a] AS k MATCH (a:Payment {key: k}) RETURN a
}
CALL {
  UNWIND [$b] AS k MATCH (b:Company {key: k}) RETURN b
  UNION ALL UNWIND [$b] AS k MATCH (b:Person {key: k}) RETURN b
  UNION ALL UNWIND [$b] AS k MATCH (b:Address {key: k}) RETURN b
  UNION ALL UNWIND [$b] AS k MATCH (b:Phone {key: k}) RETURN b
  UNION ALL UNWIND [$b] AS k MATCH (b:Email {key: k}) RETURN b
  UNION ALL UNWIND [$b] AS k MATCH (b:Shipment {key: k}) RETURN b
  UNION ALL UNWIND [$b] AS k MATCH (b:Container {key: k}) RETURN b
  UNION ALL UNWIND [$b] AS k MATCH (b:Seizure {key: k}) RETURN b
  UNION ALL UNWIND [$b] AS k MATCH (b:Chemical {key: k}) RETURN b
  UNION ALL UNWIND [$b] AS k MATCH (b:Port {key: k}) RETURN b
  UNION ALL UNWIND [$b] AS k MATCH (b:Country {key: k}) RETURN b
  UNION ALL UNWIND [$b] AS k MATCH (b:Notification {key: k}) RETURN b
  UNION ALL UNWIND [$b] AS k MATCH (b:WatchlistEntry {key: k}) RETURN b
  UNION ALL UNWIND [$b] AS k MATCH (b:IngestRun {key: k}) RETURN b
  UNION ALL UNWIND [$b] AS k MATCH (b:ResolutionDecision {key: k}) RETURN b
  UNION ALL UNWIND [$b] AS k MATCH (b:Inspection {key: k}) RETURN b
  UNION ALL UNWIND [$b] AS k MATCH (b:Payment {key: k}) RETURN b
}
CALL (a, b) {
  WITH a, b WHERE $includeContext
  MATCH p = shortestPath((a)-[*..6]-(b))
  RETURN p
  UNION
  WITH a, b WHERE NOT $includeContext
  MATCH p = shortestPath((a)-[:SHIPPED|CONSIGNED_TO|NOTIFY_PARTY|ARRANGED|IN_CONTAINER|SEIZED_FROM|OFFICER_OF|HAS_ADDRESS|HAS_PHONE|HAS_EMAIL|EXPORTER|IMPORTER|LISTED_ON|INSPECTED|PAID|PAID_TO*..6]-(b))
  RETURN p
}
WITH p WHERE length(p) <= $maxHops
RETURN nodes(p) AS nodes, [r IN relationships(p) | {type: type(r), source: startNode(r).key, target: endNode(r).key}] AS rels
LIMIT 10
