// ---
// id: app_search
// kind: internal
// mode: read
// title: {en: Search the full-text indexes, es: Buscar en los índices de texto completo}
// description: The app's search box. Walks the per-label full-text indexes in one query with a prepared Lucene query (folded, escaped, with fuzzy and prefix terms).
// parameters:
//   - {name: indexes, type: list<string>, default: null, example: ["Company[searchText]", "Person[searchText]"], description: full-text index names from workbench.schema.fulltext_indexes()}
//   - {name: q, type: string, default: null, example: "quimica*", description: Lucene query prepared by workbench.explore.lucene_query}
//   - {name: limit, type: integer, default: 25, example: 25, description: hits at most}
// row: one matching node with its score
// ---
UNWIND $indexes AS index
CALL db.index.fulltext.queryNodes(index, $q) YIELD node, score
RETURN node, labels(node) AS labels, score
ORDER BY score DESC
LIMIT $limit
