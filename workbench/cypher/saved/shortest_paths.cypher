// ---
// id: shortest_paths
// kind: saved
// mode: read
// title: {en: Shortest paths between two entities, es: Rutas más cortas entre dos entidades}
// description: All shortest paths of at most maxHops relationships between two entities (provenance links excluded).
// parameters:
//   - {name: fromKey, type: string, default: null, example: "company:acme", description: key of the first entity, required: true}
//   - {name: toKey, type: string, default: null, example: "company:globex", description: key of the second entity, required: true}
//   - {name: maxHops, type: integer, default: 6, example: 6, description: longest path considered (at most 8)}
//   - {name: limit, type: integer, default: 25, example: 25, description: most paths returned}
// row: one shortest path between the two entities
// ---
MATCH (a {key: $fromKey})
MATCH (b {key: $toKey})
MATCH p = allShortestPaths((a)-[*..8]-(b))
WHERE length(p) <= $maxHops AND none(r IN relationships(p) WHERE type(r) = 'INGESTED_BY')
RETURN p AS path, length(p) AS hops, [n IN nodes(p) | n.key] AS keys
LIMIT $limit
