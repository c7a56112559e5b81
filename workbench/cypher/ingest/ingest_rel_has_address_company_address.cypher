// ---
// id: ingest_rel_has_address_company_address
// kind: internal
// mode: write
// title: {en: Upsert HAS_ADDRESS (Company to Address)}
// description: "Ingest: MERGE one batch of HAS_ADDRESS relationships between existing nodes, uniting provenance (idempotent)."
// parameters:
//   - {name: rows, type: list<map>, default: null, example: [{from: "company:example", to: "address:example", props: {}, asNames: ["Example SA"], sourceFiles: ["manifests.csv"], sourceRows: ["manifests.csv#2"]}], description: "one batch of relationships: from and to keys, props, asNames, sourceFiles, sourceRows"}
//   - {name: now, type: string, default: null, example: "2024-01-01T00:00:00+00:00", description: now}
//   - {name: run, type: string, default: null, example: "run:example", description: run}
// ---
UNWIND $rows AS row
MATCH (a:Company {key: row.from})
MATCH (b:Address {key: row.to})
MERGE (a)-[r:HAS_ADDRESS]->(b)
ON CREATE SET r.firstIngestedAt = $now
SET r += row.props,
    r.asNames = coalesce(r.asNames, []) + [x IN row.asNames WHERE NOT x IN coalesce(r.asNames, [])],
    r.sourceFiles = coalesce(r.sourceFiles, []) + [x IN row.sourceFiles WHERE NOT x IN coalesce(r.sourceFiles, [])],
    r.sourceRows = coalesce(r.sourceRows, []) + [x IN row.sourceRows WHERE NOT x IN coalesce(r.sourceRows, [])],
    r.ingestRuns = coalesce(r.ingestRuns, []) + [x IN [$run] WHERE NOT x IN coalesce(r.ingestRuns, [])],
    r.lastIngestedAt = $now
