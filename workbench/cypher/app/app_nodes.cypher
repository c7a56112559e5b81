// ---
// id: app_nodes
// kind: internal
// mode: read
// title: {en: Nodes by key, es: Nodos por clave}
// description: The nodes with the given keys (start of a network view, reopened cases).
// parameters:
//   - {name: keys, type: list<string>, default: null, example: ["company:acme"], description: node keys}
// row: one node
// ---
MATCH (n)
WHERE n.key IN $keys
RETURN n, labels(n) AS labels
