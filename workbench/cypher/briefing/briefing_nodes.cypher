// ---
// id: briefing_nodes
// kind: internal
// mode: read
// title: {en: Briefing entities, es: Entidades de la sesión informativa}
// description: "The nodes of a briefing or export, by key, with their labels and every property (provenance included)."
// parameters:
//   - {name: keys, type: list<string>, default: [], example: ["company:acme", "person:li-wei"], description: node keys}
// row: one node with its labels and properties
// ---
MATCH (n)
WHERE n.key IN $keys
RETURN n.key AS key, labels(n) AS labels, properties(n) AS props
ORDER BY key
