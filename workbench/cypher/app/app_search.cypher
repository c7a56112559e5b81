// ---
// id: app_search
// kind: internal
// mode: read
// title: {en: Search the full-text indexes, es: Buscar en los índices de texto completo}
// description: >-
//   The app's search box. Walks the per-label full-text indexes in one query with prepared Lucene queries
//   (folded, escaped, prefix terms): q, with fuzzy terms, on the indexes of named things (firms, people,
//   addresses...), plainQ, without them, on the indexes of records and identifiers (shipments, containers, phones...).
//   A vessel's name finds its shipments by the exact index on Shipment.vessel, at most limit of them.
// parameters:
//   - {name: indexes, type: list<string>, default: [], example: ["Company[searchText]", "Person[searchText]"], description: full-text index names searched with q (workbench.store.schema.fulltext_indexes())}
//   - {name: q, type: string, default: null, example: "quimica*", description: Lucene query prepared by workbench.analysis.explore.lucene_query}
//   - {name: plainIndexes, type: list<string>, default: [], example: ["Shipment[searchText]"], description: full-text index names searched with plainQ}
//   - {name: plainQ, type: string, default: null, example: "quimica*", description: the same query without fuzzy terms}
//   - {name: vessels, type: list<string>, default: [], example: ["EVER GIVEN"], description: "vessel names as typed and in upper case, looked up exactly (a vessel carries thousands of shipments: in the shipments' full-text index its words made the index's compaction quadratic at a million rows)"}
//   - {name: limit, type: integer, default: 25, example: 25, description: hits at most}
// row: one matching node with its score
// ---
CALL {
  UNWIND $indexes AS index
  CALL db.index.fulltext.queryNodes(index, $q) YIELD node, score
  RETURN node, score
  UNION ALL
  UNWIND $plainIndexes AS index
  CALL db.index.fulltext.queryNodes(index, $plainQ) YIELD node, score
  RETURN node, score
  UNION ALL
  UNWIND $vessels AS vessel
  CALL (vessel) {
    MATCH (node:Shipment {vessel: vessel})
    RETURN node
    LIMIT $limit
  }
  RETURN node, 1.0 AS score
}
RETURN node, labels(node) AS labels, score
ORDER BY score DESC
LIMIT $limit
