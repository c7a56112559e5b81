// ---
// id: shortest_paths
// kind: saved
// mode: read
// title: {en: Shortest paths between two entities, es: Rutas más cortas entre dos entidades}
// description:
//   en: >-
//     All shortest paths of at most maxHops relationships between two entities. Unless includeContext is true,
//     paths follow only relationships between subject nodes (never through a country, port, chemical or ingest run;
//     the type list is the model's, kept equal by a test). One shortest path is looked for first and the paths are
//     listed only when it is no longer than maxHops: two firms six hops apart at 100k manifests made the listing
//     walk to eight hops and time out after 30 s (issue 15), where the first search answers in 0.3 s. With
//     includeContext that first search may pass through an ingest run; it is a lower bound, so no path the listing
//     keeps is left out. Each listing stops at `limit` paths: two trading partners four hops apart through their
//     4,000 and 3,600 shipments have about four million shortest paths, and listing them all before the limit
//     took past 30 s (0.85 s with the limit inside).
//   es: >-
//     Todos los caminos más cortos de a lo sumo maxHops relaciones entre dos entidades. Salvo que includeContext
//     sea verdadero, los caminos siguen solo relaciones entre nodos sujeto (nunca a través de un país, puerto,
//     sustancia o carga de datos; la lista de tipos es la del modelo, y una prueba la mantiene igual). Primero se
//     busca un camino más corto, y los caminos se listan solo si no pasa de maxHops: así dos empresas a seis saltos
//     ya no agotan el tiempo de espera.
// parameters:
//   - {name: fromKey, type: string, default: null, example: "company:acme", description: key of the first entity, required: true}
//   - {name: toKey, type: string, default: null, example: "company:globex", description: key of the second entity, required: true}
//   - {name: maxHops, type: integer, default: 6, example: 6, description: longest path considered (at most 8)}
//   - {name: limit, type: integer, default: 25, example: 25, description: most paths returned}
//   - {name: includeContext, type: boolean, default: false, example: false, description: also walk through countries, ports, chemicals and runs}
// entities: {fromKey: {}, toKey: {}}  # any entities, typed as names, B/L, seizure ids or keys
// row: {en: "one shortest path between the two entities", es: "una ruta más corta entre las dos entidades"}
// ---
CALL {
  UNWIND [$fromKey] AS k MATCH (a:Company {key: k}) RETURN a
  UNION ALL UNWIND [$fromKey] AS k MATCH (a:Person {key: k}) RETURN a
  UNION ALL UNWIND [$fromKey] AS k MATCH (a:Address {key: k}) RETURN a
  UNION ALL UNWIND [$fromKey] AS k MATCH (a:Phone {key: k}) RETURN a
  UNION ALL UNWIND [$fromKey] AS k MATCH (a:Email {key: k}) RETURN a
  UNION ALL UNWIND [$fromKey] AS k MATCH (a:Shipment {key: k}) RETURN a
  UNION ALL UNWIND [$fromKey] AS k MATCH (a:Container {key: k}) RETURN a
  UNION ALL UNWIND [$fromKey] AS k MATCH (a:Seizure {key: k}) RETURN a
  UNION ALL UNWIND [$fromKey] AS k MATCH (a:Chemical {key: k}) RETURN a
  UNION ALL UNWIND [$fromKey] AS k MATCH (a:Port {key: k}) RETURN a
  UNION ALL UNWIND [$fromKey] AS k MATCH (a:Country {key: k}) RETURN a
  UNION ALL UNWIND [$fromKey] AS k MATCH (a:Notification {key: k}) RETURN a
  UNION ALL UNWIND [$fromKey] AS k MATCH (a:WatchlistEntry {key: k}) RETURN a
  UNION ALL UNWIND [$fromKey] AS k MATCH (a:IngestRun {key: k}) RETURN a
  UNION ALL UNWIND [$fromKey] AS k MATCH (a:ResolutionDecision {key: k}) RETURN a
  UNION ALL UNWIND [$fromKey] AS k MATCH (a:Payment {key: k}) RETURN a
  UNION ALL UNWIND [$fromKey] AS k MATCH (a:Inspection {key: k}) RETURN a
}
CALL {
  UNWIND [$toKey] AS k MATCH (b:Company {key: k}) RETURN b
  UNION ALL UNWIND [$toKey] AS k MATCH (b:Person {key: k}) RETURN b
  UNION ALL UNWIND [$toKey] AS k MATCH (b:Address {key: k}) RETURN b
  UNION ALL UNWIND [$toKey] AS k MATCH (b:Phone {key: k}) RETURN b
  UNION ALL UNWIND [$toKey] AS k MATCH (b:Email {key: k}) RETURN b
  UNION ALL UNWIND [$toKey] AS k MATCH (b:Shipment {key: k}) RETURN b
  UNION ALL UNWIND [$toKey] AS k MATCH (b:Container {key: k}) RETURN b
  UNION ALL UNWIND [$toKey] AS k MATCH (b:Seizure {key: k}) RETURN b
  UNION ALL UNWIND [$toKey] AS k MATCH (b:Chemical {key: k}) RETURN b
  UNION ALL UNWIND [$toKey] AS k MATCH (b:Port {key: k}) RETURN b
  UNION ALL UNWIND [$toKey] AS k MATCH (b:Country {key: k}) RETURN b
  UNION ALL UNWIND [$toKey] AS k MATCH (b:Notification {key: k}) RETURN b
  UNION ALL UNWIND [$toKey] AS k MATCH (b:WatchlistEntry {key: k}) RETURN b
  UNION ALL UNWIND [$toKey] AS k MATCH (b:IngestRun {key: k}) RETURN b
  UNION ALL UNWIND [$toKey] AS k MATCH (b:ResolutionDecision {key: k}) RETURN b
  UNION ALL UNWIND [$toKey] AS k MATCH (b:Payment {key: k}) RETURN b
  UNION ALL UNWIND [$toKey] AS k MATCH (b:Inspection {key: k}) RETURN b
}
CALL (a, b) {
  WITH a, b WHERE $includeContext
  MATCH p = shortestPath((a)-[*..8]-(b))
  RETURN length(p) AS shortest
  UNION ALL
  WITH a, b WHERE NOT $includeContext
  MATCH p = shortestPath((a)-[:SHIPPED|CONSIGNED_TO|NOTIFY_PARTY|ARRANGED|IN_CONTAINER|SEIZED_FROM|OFFICER_OF|HAS_ADDRESS|HAS_PHONE|HAS_EMAIL|EXPORTER|IMPORTER|LISTED_ON|INSPECTED|PAID|PAID_TO*..8]-(b))
  RETURN length(p) AS shortest
}
WITH a, b, shortest WHERE shortest <= $maxHops
CALL (a, b) {
  WITH a, b WHERE $includeContext
  MATCH p = allShortestPaths((a)-[*..8]-(b))
  WHERE none(r IN relationships(p) WHERE type(r) = 'INGESTED_BY')
  RETURN p LIMIT $limit
  UNION ALL
  WITH a, b WHERE NOT $includeContext
  MATCH p = allShortestPaths((a)-[:SHIPPED|CONSIGNED_TO|NOTIFY_PARTY|ARRANGED|IN_CONTAINER|SEIZED_FROM|OFFICER_OF|HAS_ADDRESS|HAS_PHONE|HAS_EMAIL|EXPORTER|IMPORTER|LISTED_ON|INSPECTED|PAID|PAID_TO*..8]-(b))
  RETURN p LIMIT $limit
}
WITH p WHERE length(p) <= $maxHops
RETURN p AS path, length(p) AS hops, [n IN nodes(p) | n.key] AS keys
LIMIT $limit
