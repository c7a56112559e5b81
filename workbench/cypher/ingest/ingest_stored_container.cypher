// ---
// id: ingest_stored_container
// kind: internal
// mode: read
// title: {en: Container keys already stored}
// description: "Which of a batch's Container keys exist; new ones take the CREATE fast path, existing ones the MERGE path."
// parameters:
//   - {name: keys, type: list<string>, default: null, example: ["container:example"], description: keys to look up}
// row: one stored key
// ---
UNWIND $keys AS k
MATCH (n:Container {key: k})
RETURN n.key AS key
