// ---
// id: ingest_existing_notifications
// kind: internal
// mode: read
// title: {en: Notification keys already stored}
// description: "Which of a batch's Notification keys exist; new ones take the CREATE fast path, existing ones the MERGE path."
// parameters:
//   - {name: keys, type: list<string>, default: null, example: ["notification:example"], description: keys to look up}
// row: one stored key
// ---
UNWIND $keys AS k
MATCH (n:Notification {key: k})
RETURN n.key AS key
