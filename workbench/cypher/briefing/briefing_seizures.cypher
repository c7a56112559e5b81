// ---
// id: briefing_seizures
// kind: internal
// mode: read
// title: {en: Seizures of a briefing, es: Aseguramientos de la sesión informativa}
// description: "The seizures among the given keys with the shipment they were made from, the substance found and the port."
// parameters:
//   - {name: keys, type: list<string>, default: [], example: ["seizure:mx-1"], description: node keys (non-seizures are ignored)}
// row: one seizure
// ---
UNWIND $keys AS k
MATCH (z:Seizure {key: k})
WITH DISTINCT z
RETURN z.key AS key, z.seizureId AS seizureId, z.date AS date, z.agency AS agency, z.location AS location,
       z.substance AS substance, z.casNumber AS casNumber, z.quantityKg AS quantityKg, z.notes AS notes,
       [(z)-[:SEIZED_FROM]->(s) | coalesce(s.billOfLading, s.key)] AS shipments,
       [(z)-[:FOUND]->(ch) | coalesce(ch.shortName, ch.name)] AS chemicals,
       [(z)-[:SEIZED_AT]->(p) | coalesce(p.name, p.code)] AS ports
ORDER BY date, seizureId
