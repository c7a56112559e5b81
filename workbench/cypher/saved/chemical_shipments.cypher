// ---
// id: chemical_shipments
// kind: saved
// mode: read
// title: {en: Shipments of a chemical in a date range, es: Envíos de una sustancia en un periodo}
// description:
//   en: >-
//     Shipments declared as a chemical (by CAS number) between two dates, with shipper, consignee and ports, and
//     whether they were seized.
//   es: >-
//     Envíos declarados como una sustancia (por número CAS) entre dos fechas, con remitente, consignatario y
//     puertos, y si fueron asegurados.
// parameters:
//   - {name: cas, type: string, default: null, example: "21409-26-7", description: CAS number of the chemical, required: true}
//   - {name: fromDate, type: date, default: "1900-01-01", example: "2023-01-01", description: first declaration date}
//   - {name: toDate, type: date, default: "2999-12-31", example: "2024-12-31", description: last declaration date}
//   - {name: limit, type: integer, default: 1000, example: 100, description: most rows returned}
// entities: {cas: {labels: [Chemical], property: casNumber}}  # typed as a name, short name (NPP) or CAS
// row: {en: "one shipment of the chemical", es: "un envío de la sustancia"}
// ---
MATCH (x:Chemical {casNumber: $cas})<-[:DECLARED_AS]-(s:Shipment)
WHERE s.declarationDate >= $fromDate AND s.declarationDate <= $toDate
OPTIONAL MATCH (shipper:Company)-[:SHIPPED]->(s)
OPTIONAL MATCH (s)-[:CONSIGNED_TO]->(consignee:Company)
RETURN s.declarationDate AS date, s.billOfLading AS billOfLading, x.name AS chemical, s.goodsDescription AS description,
       s.hsCode AS hsCode, s.weightKg AS weightKg, shipper.name AS shipper, shipper.key AS shipperKey,
       consignee.name AS consignee, consignee.key AS consigneeKey,
       [(s)-[:LADEN_AT]->(p:Port) | p.code][0] AS ladenAt, [(s)-[:DISCHARGED_AT]->(p:Port) | p.code][0] AS dischargedAt,
       EXISTS { (:Seizure)-[:SEIZED_FROM]->(s) } AS seized, s.key AS key
ORDER BY date, billOfLading
LIMIT $limit
