// ---
// id: app_routes
// kind: internal
// mode: read
// title: {en: Routes of shipments, es: Rutas de envíos}
// description: The routes page. Ports of lading, transit (in order) and discharge of the selected shipments and of the shipments linked to the selected entities.
// parameters:
//   - {name: keys, type: list<string>, default: null, example: ["company:acme"], description: keys of selected shipments or entities}
// row: one shipment with its ports
// ---
MATCH (s)
WHERE s.key IN $keys
MATCH (s)-[*0..1]-(sh:Shipment)
WITH DISTINCT sh
OPTIONAL MATCH (sh)-[:LADEN_AT]->(l:Port)
OPTIONAL MATCH (sh)-[t:TRANSITED]->(tp:Port)
WITH sh, l, tp, t
ORDER BY t.order
WITH sh, l, collect(tp) AS transits
OPTIONAL MATCH (sh)-[:DISCHARGED_AT]->(d:Port)
RETURN sh.key AS shipment, sh.billOfLading AS billOfLading, sh.declarationDate AS date, l AS lading, transits, d AS discharge
ORDER BY date
LIMIT 500
