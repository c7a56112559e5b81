// ---
// id: ingest_rel_destined_for_shipment_country
// kind: internal
// mode: write
// title: {en: Upsert DESTINED_FOR (Shipment to Country)}
// description: "Ingest: MERGE one batch of DESTINED_FOR relationships between existing nodes, uniting provenance (idempotent)."
// parameters:
//   - {name: rows, type: list<map>, default: null, example: [{from: "shipment:example", to: "country:example", props: {}, asNames: ["Example SA"], sourceFiles: ["manifests.csv"], sourceRows: ["manifests.csv#2"]}], description: "one batch of relationships: from and to keys, props, asNames, sourceFiles, sourceRows"}
//   - {name: now, type: string, default: null, example: "2024-01-01T00:00:00+00:00", description: now}
//   - {name: run, type: string, default: null, example: "run:example", description: run}
// ---
UNWIND $rows AS row
MATCH (a:Shipment {key: row.from})
MATCH (b:Country {key: row.to})
MERGE (a)-[r:DESTINED_FOR]->(b)
ON CREATE SET r.firstIngestedAt = $now
SET r += row.props,
    r.sourceFiles = coalesce(r.sourceFiles, []) + [x IN row.sourceFiles WHERE NOT x IN coalesce(r.sourceFiles, [])],
    r.sourceRows = coalesce(r.sourceRows, []) + [x IN row.sourceRows WHERE NOT x IN coalesce(r.sourceRows, [])],
    r.ingestRuns = coalesce(r.ingestRuns, []) + [x IN [$run] WHERE NOT x IN coalesce(r.ingestRuns, [])],
    r.lastIngestedAt = $now
