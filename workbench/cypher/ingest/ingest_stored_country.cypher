// ---
// id: ingest_stored_country
// kind: internal
// mode: read
// title: {en: Country keys already stored}
// description: "Which of a batch's Country keys exist; new ones take the CREATE fast path, existing ones the MERGE path."
// parameters:
//   - {name: keys, type: list<string>, default: null, example: ["country:example"], description: keys to look up}
// row: one stored key
// ---
UNWIND $keys AS k
MATCH (n:Country {key: k})
RETURN n.key AS key
