// ---
// id: briefing_find_entity
// kind: internal
// mode: read
// title: {en: Find an entity by key or name, es: Buscar una entidad por clave o nombre}
// description: "The nodes whose key equals the text, or whose display name or one of whose names equals it ignoring case."
// parameters:
//   - {name: text, type: string, default: "", example: "company:acme", description: a key or an exact name}
// row: one matching node
// ---
MATCH (n)
WHERE n.key = $text OR toLower(n.name) = toLower($text) OR $text IN coalesce(n.names, [])
RETURN n.key AS key, labels(n) AS labels, coalesce(n.name, n.key) AS name
ORDER BY key
LIMIT 20
