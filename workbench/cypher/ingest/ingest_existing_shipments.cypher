// ---
// id: ingest_existing_shipments
// kind: internal
// mode: read
// title: {en: Shipment keys already stored}
// description: "Which of a batch's Shipment keys exist; new ones take the CREATE fast path, existing ones the MERGE path."
// parameters:
//   - {name: keys, type: list<string>, default: null, example: ["shipment:example"], description: keys to look up}
// row: one stored key
// ---
UNWIND $keys AS k
MATCH (n:Shipment {key: k})
RETURN n.key AS key
