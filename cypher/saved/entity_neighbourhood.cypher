// ---
// id: entity_neighbourhood
// kind: saved
// mode: read
// title: {en: Neighbourhood of an entity, es: Vecindario de una entidad}
// description: >-
//   Everything within depth hops (1 to 3) of one entity, as paths the app can draw. Provenance links to ingest
//   runs are left out.
// parameters:
//   - {name: key, type: string, default: null, example: "company:acme", description: key of the entity, required: true}
//   - {name: depth, type: integer, default: 1, example: 2, description: how many hops (1 to 3)}
//   - {name: limit, type: integer, default: 200, example: 50, description: most paths returned}
// row: one path from the entity to a neighbour
// ---
MATCH (n {key: $key})
MATCH p = (n)-[*1..3]-(m)
WHERE length(p) <= CASE WHEN $depth < 1 THEN 1 WHEN $depth > 3 THEN 3 ELSE $depth END
  AND none(r IN relationships(p) WHERE type(r) = 'INGESTED_BY')
RETURN p AS path, m.key AS neighbour, labels(m) AS labels, length(p) AS hops
ORDER BY hops, neighbour
LIMIT $limit
