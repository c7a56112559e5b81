// ---
// id: briefing_shipments
// kind: internal
// mode: read
// title: {en: Shipments of a briefing, es: Envíos de la sesión informativa}
// description: "The shipments among the given keys with their parties, ports, declared chemical, destination, seizures and the inspections officers recorded on them (date, outcome, port; not the officer or the notes)."
// parameters:
//   - {name: keys, type: list<string>, default: [], example: ["shipment:bl-1"], description: node keys (non-shipments are ignored)}
// row: one shipment with the names of its parties and ports
// ---
// Every pattern starts from the bound shipment: a pattern written from an unbound node made the planner walk
// every node of the store (21 s of a 26 s briefing at 100k manifests).
UNWIND $keys AS k
MATCH (s:Shipment {key: k})
WITH DISTINCT s
RETURN s.key AS key, s.billOfLading AS billOfLading, s.declarationDate AS date, s.hsCode AS hsCode,
       s.goodsDescription AS goods, s.casNumber AS casNumber, s.weightKg AS weightKg, s.vessel AS vessel,
       s.vagueDescription AS vague, coalesce(s.transportMode, 'sea') AS mode,
       [(s)<-[:SHIPPED]-(c) | {key: c.key, name: c.name}] AS shippers,
       [(s)-[:CONSIGNED_TO]->(c) | {key: c.key, name: c.name}] AS consignees,
       [(s)<-[:ARRANGED]-(b) | {key: b.key, name: b.name}] AS brokers,
       [(s)-[:DECLARED_AS]->(ch) | coalesce(ch.shortName, ch.name)] AS chemicals,
       [(s)-[:LADEN_AT]->(p) | {code: p.code, name: p.name, country: p.country, latitude: p.latitude, longitude: p.longitude}] AS ladenAt,
       [(s)-[t:TRANSITED]->(p) | {code: p.code, name: p.name, country: p.country, latitude: p.latitude, longitude: p.longitude, order: t.order}] AS transited,
       [(s)-[:DISCHARGED_AT]->(p) | {code: p.code, name: p.name, country: p.country, latitude: p.latitude, longitude: p.longitude}] AS dischargedAt,
       [(s)-[:DESTINED_FOR]->(c) | coalesce(c.code, c.name)] AS destination,
       [(s)<-[:SEIZED_FROM]-(z) | z.key] AS seizures,
       [(s)<-[:INSPECTED]-(i:Inspection) | {date: i.date, outcome: i.outcome, port: i.port}] AS inspections
ORDER BY date, billOfLading
