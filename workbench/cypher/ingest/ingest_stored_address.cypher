// ---
// id: ingest_stored_address
// kind: internal
// mode: read
// title: {en: Address keys already stored}
// description: "Which of a batch's Address keys exist; new ones take the CREATE fast path, existing ones the MERGE path."
// parameters:
//   - {name: keys, type: list<string>, default: null, example: ["address:example"], description: keys to look up}
// row: one stored key
// ---
UNWIND $keys AS k
MATCH (n:Address {key: k})
RETURN n.key AS key
