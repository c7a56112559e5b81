// ---
// id: ingest_rel_seized_from_seizure_shipment_new
// kind: internal
// mode: write
// title: {en: Create SEIZED_FROM (Seizure to Shipment) of new records}
// description: "Ingest fast path: CREATE SEIZED_FROM relationships of records created in the same transaction."
// parameters:
//   - {name: rows, type: list<map>, default: null, example: [{from: "seizure:example", to: "shipment:example", props: {}, asNames: ["Example SA"], sourceFiles: ["manifests.csv"], sourceRows: ["manifests.csv#2"]}], description: "one batch of relationships: from and to keys, props, asNames, sourceFiles, sourceRows"}
//   - {name: now, type: string, default: null, example: "2024-01-01T00:00:00+00:00", description: now}
//   - {name: run, type: string, default: null, example: "run:example", description: run}
// ---
UNWIND $rows AS row
MATCH (a:Seizure {key: row.from})
MATCH (b:Shipment {key: row.to})
CREATE (a)-[r:SEIZED_FROM]->(b)
SET r += row.props,
    r.sourceFiles = row.sourceFiles,
    r.sourceRows = row.sourceRows,
    r.ingestRuns = [$run],
    r.firstIngestedAt = $now,
    r.lastIngestedAt = $now
