// ---
// id: ingest_rel_found_seizure_chemical
// kind: internal
// mode: write
// title: {en: Upsert FOUND (Seizure to Chemical)}
// description: "Ingest: MERGE one batch of FOUND relationships between existing nodes, uniting provenance (idempotent)."
// parameters:
//   - {name: rows, type: list<map>, default: null, example: [{from: "seizure:example", to: "chemical:example", props: {}, asNames: ["Example SA"], sourceFiles: ["manifests.csv"], sourceRows: ["manifests.csv#2"]}], description: "one batch of relationships: from and to keys, props, asNames, sourceFiles, sourceRows"}
//   - {name: now, type: string, default: null, example: "2024-01-01T00:00:00+00:00", description: now}
//   - {name: run, type: string, default: null, example: "run:example", description: run}
// ---
UNWIND $rows AS row
MATCH (a:Seizure {key: row.from})
MATCH (b:Chemical {key: row.to})
MERGE (a)-[r:FOUND]->(b)
ON CREATE SET r.firstIngestedAt = $now
SET r += row.props,
    r.sourceFiles = coalesce(r.sourceFiles, []) + [x IN row.sourceFiles WHERE NOT x IN coalesce(r.sourceFiles, [])],
    r.sourceRows = coalesce(r.sourceRows, []) + [x IN row.sourceRows WHERE NOT x IN coalesce(r.sourceRows, [])],
    r.ingestRuns = coalesce(r.ingestRuns, []) + [x IN [$run] WHERE NOT x IN coalesce(r.ingestRuns, [])],
    r.lastIngestedAt = $now
