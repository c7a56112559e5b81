// ---
// id: ingest_existing_seizures
// kind: internal
// mode: read
// title: {en: Seizure keys already stored}
// description: "Which of a batch's Seizure keys exist; new ones take the CREATE fast path, existing ones the MERGE path."
// parameters:
//   - {name: keys, type: list<string>, default: null, example: ["seizure:example"], description: keys to look up}
// row: one stored key
// ---
UNWIND $keys AS k
MATCH (n:Seizure {key: k})
RETURN n.key AS key
