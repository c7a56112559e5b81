// ---
// id: ingest_new_shipment
// kind: internal
// mode: write
// title: {en: Create new Shipment nodes}
// description: "Ingest fast path: CREATE Shipment nodes known to be absent (checked in the same transaction)."
// parameters:
//   - {name: rows, type: list<map>, default: null, example: [{key: "shipment:example", name: "Example", props: {}, names: ["Example"], searchText: "example", sourceFiles: ["manifests.csv"], sourceRows: ["manifests.csv#2"]}], description: "one batch of nodes: key, name, props, names, searchText, sourceFiles, sourceRows"}
//   - {name: now, type: string, default: null, example: "2024-01-01T00:00:00+00:00", description: now}
//   - {name: run, type: string, default: null, example: "run:example", description: run}
// ---
UNWIND $rows AS row
CREATE (n:Shipment {key: row.key})
SET n += row.props,
    n.searchText = row.searchText,
    n.sourceFiles = row.sourceFiles,
    n.sourceRows = row.sourceRows,
    n.ingestRuns = [$run],
    n.firstIngestedAt = $now,
    n.lastIngestedAt = $now
