// ---
// id: entity_neighbourhood
// kind: saved
// mode: read
// title: {en: Neighbourhood of an entity, es: Vecindario de una entidad}
// description: >-
//   Everything within depth hops (1 to 3) of one entity, nearest first, as paths the app can draw. Each hop
//   count is its own capped branch, so a hub (a big forwarder with thousands of shipments) answers at once
//   instead of enumerating every three-hop path. Provenance links to ingest runs are left out.
// parameters:
//   - {name: key, type: string, default: null, example: "company:acme", description: key of the entity, required: true}
//   - {name: depth, type: integer, default: 1, example: 2, description: how many hops (1 to 3)}
//   - {name: limit, type: integer, default: 200, example: 50, description: most paths returned}
// row: one path from the entity to a neighbour
// ---
MATCH (n {key: $key})
CALL {
  WITH n
  MATCH p = (n)-[r]-(m)
  WHERE type(r) <> 'INGESTED_BY'
  RETURN p, m, 1 AS hops
  LIMIT $limit
  UNION ALL
  WITH n
  WITH n WHERE $depth >= 2
  MATCH p = (n)-[r1]-()-[r2]-(m)
  WHERE m <> n AND type(r1) <> 'INGESTED_BY' AND type(r2) <> 'INGESTED_BY'
  RETURN p, m, 2 AS hops
  LIMIT $limit
  UNION ALL
  WITH n
  WITH n WHERE $depth >= 3
  MATCH p = (n)-[r1]-()-[r2]-()-[r3]-(m)
  WHERE m <> n AND none(r IN relationships(p) WHERE type(r) = 'INGESTED_BY')
  RETURN p, m, 3 AS hops
  LIMIT $limit
}
RETURN p AS path, m.key AS neighbour, labels(m) AS labels, hops
LIMIT $limit
