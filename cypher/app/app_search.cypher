// ---
// id: app_search
// kind: internal
// mode: read
// title: {en: Search one full-text index, es: Buscar en un índice de texto completo}
// description: The app's search box. Walks one per-label full-text index with a prepared Lucene query (folded, escaped, with fuzzy and prefix terms).
// parameters:
//   - {name: index, type: string, default: "Company[searchText]", example: "Company[searchText]", description: full-text index name from workbench.schema.fulltext_indexes()}
//   - {name: q, type: string, default: null, example: "quimica*", description: Lucene query prepared by workbench.explore.lucene_query}
//   - {name: limit, type: integer, default: 25, example: 25, description: hits at most}
// row: one matching node with its score
// ---
CALL db.index.fulltext.queryNodes($index, $q) YIELD node, score
RETURN node, labels(node) AS labels, score
ORDER BY score DESC
LIMIT $limit
