// ---
// id: ingest_stored_email
// kind: internal
// mode: read
// title: {en: Email keys already stored}
// description: "Which of a batch's Email keys exist; new ones take the CREATE fast path, existing ones the MERGE path."
// parameters:
//   - {name: keys, type: list<string>, default: null, example: ["email:example"], description: keys to look up}
// row: one stored key
// ---
UNWIND $keys AS k
MATCH (n:Email {key: k})
RETURN n.key AS key
