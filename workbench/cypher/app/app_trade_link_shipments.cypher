// ---
// id: app_trade_link_shipments
// kind: internal
// mode: read
// title: {en: Shipments of one trade link, es: Envíos de un vínculo comercial}
// description: The shipments behind one trade link (shipper to consignee), oldest first, to expand the link in the network view.
// parameters:
//   - {name: shipper, type: string, default: null, example: "company:acme", description: key of the shipper}
//   - {name: consignee, type: string, default: null, example: "company:beta", description: key of the consignee}
//   - {name: limit, type: integer, default: 300, example: 300, description: shipments at most}
// row: one shipment of the link
// ---
MATCH (a:Company {key: $shipper})-[:SHIPPED]->(s:Shipment)-[:CONSIGNED_TO]->(b:Company {key: $consignee})
RETURN s, labels(s) AS labels
ORDER BY s.declarationDate
LIMIT $limit
