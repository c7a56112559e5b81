// ---
// id: briefing_find_entity
// kind: internal
// mode: read
// title: {en: Find an entity by name, es: Buscar una entidad por nombre}
// description: >-
//   The searchable nodes whose display name or one of whose names equals the text, ignoring case. Candidates come
//   from the full-text indexes and the name indexes (never a scan of the store); a key is looked up with briefing_nodes.
// parameters:
//   - {name: text, type: string, default: "", example: "Acme Chemicals", description: an exact name}
//   - {name: indexes, type: list<string>, default: [], example: ["Company[searchText]", "Person[searchText]"], description: full-text index names from workbench.store.schema.fulltext_indexes()}
//   - {name: q, type: string, default: "", example: "acme^3", description: Lucene query for the text, from workbench.analysis.explore.lucene_query}
// row: one matching node
// ---
CALL () {
  UNWIND $indexes AS index
  CALL db.index.fulltext.queryNodes(index, $q) YIELD node
  WITH node
  WHERE toLower(node.name) = toLower($text) OR $text IN coalesce(node.names, [])
  RETURN node AS n
  UNION
  MATCH (n:Company {name: $text}) RETURN n
  UNION
  MATCH (n:Person {name: $text}) RETURN n
}
RETURN DISTINCT n.key AS key, labels(n) AS labels, coalesce(n.name, n.key) AS name
ORDER BY key
LIMIT 20
