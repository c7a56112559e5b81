// ---
// id: briefing_links
// kind: internal
// mode: read
// title: {en: Links among a set of entities, es: Vínculos entre un conjunto de entidades}
// description: "Every relationship whose two ends are both among the given keys, with its type and properties."
// parameters:
//   - {name: keys, type: list<string>, default: [], example: ["company:acme", "shipment:bl-1"], description: node keys}
// row: one relationship between two of the given nodes
// ---
MATCH (a)
WHERE a.key IN $keys
MATCH (a)-[r]->(b)
WHERE b.key IN $keys
RETURN a.key AS source, type(r) AS type, b.key AS target, properties(r) AS props
ORDER BY source, type, target
