// ---
// id: app_expand
// kind: internal
// mode: read
// title: {en: One hop around entities, es: Un salto alrededor de entidades}
// description: The network view's expansion step. Neighbours of the given nodes, optionally only through some relationship types, only of some labels and only dated within a range (undated nodes always pass).
// parameters:
//   - {name: keys, type: list<string>, default: null, example: ["company:acme"], description: keys of the nodes to expand}
//   - {name: relTypes, type: list<string>, default: null, example: ["SHIPPED"], description: relationship types to follow (null = all)}
//   - {name: labels, type: list<string>, default: null, example: ["Shipment"], description: labels a neighbour must carry one of (null = all)}
//   - {name: dateFrom, type: date, default: null, example: "2020-01-01", description: earliest date of a dated neighbour}
//   - {name: dateTo, type: date, default: null, example: "2030-12-31", description: latest date of a dated neighbour}
//   - {name: limit, type: integer, default: 301, example: 301, description: rows at most}
// row: one relationship from an expanded node to a neighbour
// ---
MATCH (s)
WHERE s.key IN $keys
MATCH (s)-[r]-(n)
WHERE ($relTypes IS NULL OR type(r) IN $relTypes)
  AND ($labels IS NULL OR any(l IN labels(n) WHERE l IN $labels))
  AND ($dateFrom IS NULL OR coalesce(n.declarationDate, n.date, n.dispatchDate) IS NULL
       OR coalesce(n.declarationDate, n.date, n.dispatchDate) >= $dateFrom)
  AND ($dateTo IS NULL OR coalesce(n.declarationDate, n.date, n.dispatchDate) IS NULL
       OR coalesce(n.declarationDate, n.date, n.dispatchDate) <= $dateTo)
RETURN s.key AS origin, type(r) AS type, startNode(r).key AS source, endNode(r).key AS target, n, labels(n) AS labels
LIMIT $limit
