// ---
// id: app_node_details
// kind: internal
// mode: read
// title: {en: Details of one entity, es: Detalle de una entidad}
// description: The details panel of the network view. One node with its shipments (through any party role) and the seizures made from those shipments or linked directly.
// parameters:
//   - {name: key, type: string, default: null, example: "company:acme", description: node key}
// row: the node with its shipments and seizures
// ---
MATCH (n {key: $key})
OPTIONAL MATCH (n)-[]-(sh:Shipment)
WITH n, collect(DISTINCT sh) AS direct
WITH n, CASE WHEN n:Shipment THEN direct + [n] ELSE direct END AS shipments
OPTIONAL MATCH (z:Seizure)-[]-(x)
WHERE x = n OR x IN shipments
RETURN n, labels(n) AS labels, shipments, collect(DISTINCT z) AS seizures
