// ---
// id: ingest_rel_in_container_seizure_container
// kind: internal
// mode: write
// title: {en: Upsert IN_CONTAINER (Seizure to Container)}
// description: "Ingest: MERGE one batch of IN_CONTAINER relationships between existing nodes, uniting provenance (idempotent)."
// parameters:
//   - {name: rows, type: list<map>, default: null, example: [{from: "seizure:example", to: "container:example", props: {}, asNames: ["Example SA"], sourceFiles: ["manifests.csv"], sourceRows: ["manifests.csv#2"]}], description: "one batch of relationships: from and to keys, props, asNames, sourceFiles, sourceRows"}
//   - {name: now, type: string, default: null, example: "2024-01-01T00:00:00+00:00", description: now}
//   - {name: run, type: string, default: null, example: "run:example", description: run}
// ---
UNWIND $rows AS row
MATCH (a:Seizure {key: row.from})
MATCH (b:Container {key: row.to})
MERGE (a)-[r:IN_CONTAINER]->(b)
ON CREATE SET r.firstIngestedAt = $now
SET r += row.props,
    r.sourceFiles = coalesce(r.sourceFiles, []) + [x IN row.sourceFiles WHERE NOT x IN coalesce(r.sourceFiles, [])],
    r.sourceRows = coalesce(r.sourceRows, []) + [x IN row.sourceRows WHERE NOT x IN coalesce(r.sourceRows, [])],
    r.ingestRuns = coalesce(r.ingestRuns, []) + [x IN [$run] WHERE NOT x IN coalesce(r.ingestRuns, [])],
    r.lastIngestedAt = $now
