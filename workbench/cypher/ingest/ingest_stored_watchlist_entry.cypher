// ---
// id: ingest_stored_watchlist_entry
// kind: internal
// mode: read
// title: {en: WatchlistEntry keys already stored}
// description: "Which of a batch's WatchlistEntry keys exist; new ones take the CREATE fast path, existing ones the MERGE path."
// parameters:
//   - {name: keys, type: list<string>, default: null, example: ["watchlist_entry:example"], description: keys to look up}
// row: one stored key
// ---
UNWIND $keys AS k
MATCH (n:WatchlistEntry {key: k})
RETURN n.key AS key
