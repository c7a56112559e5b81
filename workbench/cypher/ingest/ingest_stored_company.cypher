// ---
// id: ingest_stored_company
// kind: internal
// mode: read
// title: {en: Company keys already stored}
// description: "Which of a batch's Company keys exist; new ones take the CREATE fast path, existing ones the MERGE path."
// parameters:
//   - {name: keys, type: list<string>, default: null, example: ["company:example"], description: keys to look up}
// row: one stored key
// ---
UNWIND $keys AS k
MATCH (n:Company {key: k})
RETURN n.key AS key
