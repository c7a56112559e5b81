// ---
// id: targets_find_shipment
// kind: internal
// mode: read
// title: {en: A consignment by key or transport document, es: Un envío por clave o documento de transporte}
// description: >-
//   The consignment an officer names when recording an inspection: by its key, or by its transport document
//   number (bill of lading, air waybill, tracking number), which may name several.
// parameters:
//   - {name: ref, type: string, default: null, example: "shipment:MSCU1001", description: a Shipment key or billOfLading}
// row: one matching consignment
// ---
CALL {
  UNWIND [$ref] AS k MATCH (s:Shipment {key: k}) RETURN s
  UNION
  UNWIND [$ref] AS k MATCH (s:Shipment {billOfLading: k}) RETURN s
}
RETURN s.key AS key, s.billOfLading AS billOfLading, s.declarationDate AS declarationDate,
       [(s)-[:DISCHARGED_AT]->(p:Port) | p.code][0] AS port
ORDER BY key
LIMIT 20
