// ---
// id: targets_port
// kind: internal
// mode: read
// title: {en: A port or airport by code, es: Un puerto o aeropuerto por su código}
// description: >-
//   The port or airport an inspection queue is for (workbench/analysis/targets.py), with how many consignments
//   were discharged there in the date window, so a wrong code or an empty window is told apart from a quiet day.
// parameters:
//   - {name: code, type: string, default: null, example: "MXZLO", description: Port.code (UN/LOCODE for seaports, IATA-style code for airports)}
//   - {name: dateFrom, type: date, default: null, example: "2024-07-01", description: first declaration date of the window}
//   - {name: dateTo, type: date, default: null, example: "2024-07-31", description: last declaration date of the window}
// row: the port with its name, kind, country and arrivals in the window
// ---
MATCH (p:Port {code: $code})
RETURN p.key AS key, p.code AS code, p.name AS name, p.country AS country, coalesce(p.kind, 'seaport') AS kind,
       COUNT { (s:Shipment)-[:DISCHARGED_AT]->(p) WHERE s.declarationDate >= $dateFrom AND s.declarationDate <= $dateTo } AS arrivals
LIMIT 1
