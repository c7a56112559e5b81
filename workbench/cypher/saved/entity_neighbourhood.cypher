// ---
// id: entity_neighbourhood
// kind: saved
// mode: read
// title: {en: Neighbourhood of an entity, es: Vecindario de una entidad}
// description:
//   en: >-
//     Everything within depth hops (1 to 3) of one entity, nearest first, as paths the app can draw. Each hop count
//     is its own capped branch, so a hub (a big forwarder with thousands of shipments) answers at once instead of
//     enumerating every three-hop path. Paths never pass through nor end at a node carrying one of contextLabels
//     (countries, ports, chemicals, ingest runs by default); empty the list to bring them in.
//   es: >-
//     Todo lo que está a profundidad saltos (1 a 3) de una entidad, lo más cercano primero, como caminos que la
//     aplicación puede dibujar. Cada número de saltos es una rama con su propio tope, así que un nodo central (un
//     gran agente de carga con miles de envíos) responde enseguida en lugar de enumerar cada camino de tres saltos.
//     Los caminos nunca pasan ni terminan en un nodo con una de contextLabels (países, puertos, sustancias y cargas
//     de datos por omisión); vacíe la lista para incluirlos.
// parameters:
//   - {name: key, type: string, default: null, example: "company:acme", description: key of the entity, required: true}
//   - {name: depth, type: integer, default: 1, example: 2, description: how many hops (1 to 3)}
//   - {name: limit, type: integer, default: 200, example: 50, description: most paths returned}
//   - {name: contextLabels, type: list<string>, default: ["Chemical", "Country", "IngestRun", "Port", "ResolutionDecision"], example: ["Country", "IngestRun"], description: labels left out of the paths}
// entities: {key: {}}  # any entity, typed as a name, B/L, seizure id, chemical or key
// row: {en: "one path from the entity to a neighbour", es: "una ruta de la entidad a un vecino"}
// ---
// Each hop's node is filtered before the next hop is walked: filtered after the whole pattern, a country or port
// left out was still walked through, every shipment of it read and then dropped.
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
  UNION ALL UNWIND [$key] AS k MATCH (n:Payment {key: k}) RETURN n
  UNION ALL UNWIND [$key] AS k MATCH (n:Inspection {key: k}) RETURN n
}
CALL (n) {
  MATCH p = (n)-[r]-(m)
  WHERE none(l IN labels(m) WHERE l IN $contextLabels)
  RETURN p, m, 1 AS hops
  LIMIT $limit
  UNION ALL
  WITH n WHERE $depth >= 2
  MATCH (n)-[r1]-(x)
  WHERE none(l IN labels(x) WHERE l IN $contextLabels)
  MATCH p = (n)-[r1]-(x)-[r2]-(m)
  WHERE m <> n AND none(l IN labels(m) WHERE l IN $contextLabels)
  RETURN p, m, 2 AS hops
  LIMIT $limit
  UNION ALL
  WITH n WHERE $depth >= 3
  MATCH (n)-[r1]-(x)
  WHERE none(l IN labels(x) WHERE l IN $contextLabels)
  MATCH (x)-[r2]-(y)
  WHERE none(l IN labels(y) WHERE l IN $contextLabels)
  MATCH p = (n)-[r1]-(x)-[r2]-(y)-[r3]-(m)
  WHERE m <> n AND none(l IN labels(m) WHERE l IN $contextLabels)
  RETURN p, m, 3 AS hops
  LIMIT $limit
}
RETURN p AS path, m.key AS neighbour, labels(m) AS labels, hops
LIMIT $limit
