// ---
// id: ingest_stored_phone
// kind: internal
// mode: read
// title: {en: Phone keys already stored}
// description: "Which of a batch's Phone keys exist; new ones take the CREATE fast path, existing ones the MERGE path."
// parameters:
//   - {name: keys, type: list<string>, default: null, example: ["phone:example"], description: keys to look up}
// row: one stored key
// ---
UNWIND $keys AS k
MATCH (n:Phone {key: k})
RETURN n.key AS key
