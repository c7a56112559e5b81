// ---
// id: ingest_stored_port
// kind: internal
// mode: read
// title: {en: Port keys already stored}
// description: "Which of a batch's Port keys exist; new ones take the CREATE fast path, existing ones the MERGE path."
// parameters:
//   - {name: keys, type: list<string>, default: null, example: ["port:example"], description: keys to look up}
// row: one stored key
// ---
UNWIND $keys AS k
MATCH (n:Port {key: k})
RETURN n.key AS key
