// ---
// id: ingest_node_address
// kind: internal
// mode: write
// title: {en: Upsert Address nodes}
// description: "Ingest: MERGE one batch of Address nodes on their key, uniting names and provenance lists (idempotent)."
// parameters:
//   - {name: rows, type: list<map>, default: null, example: [{key: "address:example", name: "Example", props: {}, names: ["Example"], searchText: "example", sourceFiles: ["manifests.csv"], sourceRows: ["manifests.csv#2"]}], description: "one batch of nodes: key, name, props, names, searchText, sourceFiles, sourceRows"}
//   - {name: now, type: string, default: null, example: "2024-01-01T00:00:00+00:00", description: now}
//   - {name: run, type: string, default: null, example: "run:example", description: run}
// ---
UNWIND $rows AS row
MERGE (n:Address {key: row.key})
ON CREATE SET n.firstIngestedAt = $now
SET n += row.props,
    n.name = coalesce(n.name, row.name),
    n.names = coalesce(n.names, []) + [x IN row.names WHERE NOT x IN coalesce(n.names, [])],
    n.searchText = CASE WHEN n.searchText IS NULL THEN row.searchText WHEN n.searchText CONTAINS row.searchText THEN n.searchText ELSE n.searchText + ' ' + row.searchText END,
    n.sourceFiles = coalesce(n.sourceFiles, []) + [x IN row.sourceFiles WHERE NOT x IN coalesce(n.sourceFiles, [])],
    n.sourceRows = (coalesce(n.sourceRows, []) + [x IN row.sourceRows WHERE NOT x IN coalesce(n.sourceRows, [])])[0..1000],
    n.ingestRuns = coalesce(n.ingestRuns, []) + [x IN [$run] WHERE NOT x IN coalesce(n.ingestRuns, [])],
    n.lastIngestedAt = $now
