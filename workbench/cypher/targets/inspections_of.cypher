// ---
// id: inspections_of
// kind: internal
// mode: read
// title: {en: Inspections of a consignment or of a firm's consignments, es: Inspecciones de un envío o de los envíos de una empresa}
// description: >-
//   The recorded inspections of one consignment, or of the consignments a firm shipped, received or arranged,
//   newest first; shown with the consignment's and the firm's details.
// parameters:
//   - {name: key, type: string, default: null, example: "shipment:MSCU1001", description: key of a Shipment or Company}
//   - {name: limit, type: integer, default: 200, example: 200, description: inspections at most}
// row: one inspection with its consignment
// ---
CALL {
  UNWIND [$key] AS k MATCH (s:Shipment {key: k})<-[:INSPECTED]-(i:Inspection) RETURN i, s
  UNION
  UNWIND [$key] AS k MATCH (c:Company {key: k})-[:SHIPPED|ARRANGED]->(s:Shipment)<-[:INSPECTED]-(i:Inspection) RETURN i, s
  UNION
  UNWIND [$key] AS k MATCH (c:Company {key: k})<-[:CONSIGNED_TO]-(s:Shipment)<-[:INSPECTED]-(i:Inspection) RETURN i, s
}
RETURN i.key AS key, i.outcome AS outcome, i.date AS date, i.officer AS officer, i.port AS port, i.notes AS notes,
       i.recordedAt AS recordedAt, s.key AS shipment, s.billOfLading AS billOfLading
ORDER BY date DESC, recordedAt DESC, key
LIMIT $limit
