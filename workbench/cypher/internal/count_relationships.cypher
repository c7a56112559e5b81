// ---
// id: count_relationships
// kind: internal
// mode: read
// title: {en: Relationships by type, es: Relaciones por tipo}
// description: How many relationships the store holds of each type (persistence checks, ingest summaries).
// row: one relationship type and its count
// ---
MATCH ()-[r]->()
RETURN type(r) AS type, count(*) AS count
ORDER BY type
