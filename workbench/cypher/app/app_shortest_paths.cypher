// ---
// id: app_shortest_paths
// kind: internal
// mode: read
// title: {en: Shortest paths between two entities, es: Caminos más cortos entre dos entidades}
// description: All shortest paths (six hops at most) between two nodes, kept when no longer than maxHops.
// parameters:
//   - {name: a, type: string, default: null, example: "company:acme", description: key of the first node}
//   - {name: b, type: string, default: null, example: "company:beta", description: key of the second node}
//   - {name: maxHops, type: integer, default: 4, example: 4, description: longest path kept (at most 6)}
// row: one path as node keys and relationship types
// ---
MATCH (a {key: $a}), (b {key: $b})
MATCH p = allShortestPaths((a)-[*..6]-(b))
WHERE length(p) <= $maxHops
RETURN nodes(p) AS nodes, [r IN relationships(p) | {type: type(r), source: startNode(r).key, target: endNode(r).key}] AS rels
LIMIT 10
