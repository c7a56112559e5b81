// ---
// id: ingest_stored_chemical
// kind: internal
// mode: read
// title: {en: Chemical keys already stored}
// description: "Which of a batch's Chemical keys exist; new ones take the CREATE fast path, existing ones the MERGE path."
// parameters:
//   - {name: keys, type: list<string>, default: null, example: ["chemical:example"], description: keys to look up}
// row: one stored key
// ---
UNWIND $keys AS k
MATCH (n:Chemical {key: k})
RETURN n.key AS key
