// ---
// id: briefing_shipment_seizures
// kind: internal
// mode: read
// title: {en: Seizures made from a set of shipments, es: Aseguramientos de un conjunto de envíos}
// description: "The keys of the seizures made from any of the given shipments, so a briefing on a firm shows what was seized from its shipments."
// parameters:
//   - {name: keys, type: list<string>, default: [], example: ["shipment:bl-1"], description: node keys (non-shipments are ignored)}
// row: one seizure key
// ---
UNWIND $keys AS k
MATCH (s:Shipment {key: k})<-[:SEIZED_FROM]-(z:Seizure)
RETURN DISTINCT z.key AS key
