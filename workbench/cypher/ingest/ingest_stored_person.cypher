// ---
// id: ingest_stored_person
// kind: internal
// mode: read
// title: {en: Person keys already stored}
// description: "Which of a batch's Person keys exist; new ones take the CREATE fast path, existing ones the MERGE path."
// parameters:
//   - {name: keys, type: list<string>, default: null, example: ["person:example"], description: keys to look up}
// row: one stored key
// ---
UNWIND $keys AS k
MATCH (n:Person {key: k})
RETURN n.key AS key
