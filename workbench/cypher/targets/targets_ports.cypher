// ---
// id: targets_ports
// kind: internal
// mode: read
// title: {en: Ports and airports with arrivals, es: Puertos y aeropuertos con llegadas}
// description: >-
//   Every port or airport some consignment was discharged at, with how many and the first and last declaration
//   dates, for the inspection queue's port picker and its default window.
// parameters:
//   - {name: limit, type: integer, default: 500, example: 500, description: ports at most}
// row: one port of discharge with its arrivals
// ---
MATCH (s:Shipment)-[:DISCHARGED_AT]->(p:Port)
WITH p, count(s) AS arrivals, min(s.declarationDate) AS first, max(s.declarationDate) AS last
RETURN p.code AS code, p.name AS name, p.country AS country, coalesce(p.kind, 'seaport') AS kind, arrivals,
       first, last
ORDER BY arrivals DESC, code
LIMIT $limit
