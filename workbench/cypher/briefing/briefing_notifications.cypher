// ---
// id: briefing_notifications
// kind: internal
// mode: read
// title: {en: Pre-export notifications of a briefing, es: Notificaciones previas a la exportación}
// description: "The PEN Online notifications among the given keys with exporter, importer, substance and entry point."
// parameters:
//   - {name: keys, type: list<string>, default: [], example: ["notification:pen-1"], description: node keys (others are ignored)}
// row: one pre-export notification
// ---
UNWIND $keys AS k
MATCH (n:Notification {key: k})
WITH DISTINCT n
RETURN n.key AS key, n.penId AS penId, n.substance AS substance, n.casNumber AS casNumber,
       n.quantityKg AS quantityKg, n.dispatchDate AS date, n.pointOfEntry AS pointOfEntry, n.status AS status,
       [(n)-[:EXPORTER]->(c) | {key: c.key, name: c.name}] AS exporters,
       [(n)-[:IMPORTER]->(c) | {key: c.key, name: c.name}] AS importers
ORDER BY date, penId
