// ---
// id: ingest_shipments_by_bol
// kind: internal
// mode: read
// title: {en: Shipments by bill of lading}
// description: "Links seizures to stored shipments through the bill of lading."
// parameters:
//   - {name: bols, type: list<string>, default: null, example: ["MSCU1234567"], description: bills of lading}
// row: one bill of lading and one shipment key
// ---
UNWIND $bols AS bol
MATCH (s:Shipment {billOfLading: bol})
RETURN bol, s.key AS key
