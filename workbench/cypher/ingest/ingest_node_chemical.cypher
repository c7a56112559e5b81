// ---
// id: ingest_node_chemical
// kind: internal
// mode: write
// title: {en: Upsert Chemical nodes}
// description: "Ingest: MERGE one batch of Chemical nodes on their key, uniting names and provenance lists (idempotent)."
// parameters:
//   - {name: rows, type: list<map>, default: null, example: [{key: "chemical:example", name: "Example", props: {}, names: ["Example"], searchText: "example", sourceFiles: ["manifests.csv"], sourceRows: ["manifests.csv#2"]}], description: "one batch of nodes: key, name, props, names, searchText, sourceFiles, sourceRows"}
//   - {name: now, type: string, default: null, example: "2024-01-01T00:00:00+00:00", description: now}
//   - {name: run, type: string, default: null, example: "run:example", description: run}
// ---
UNWIND $rows AS row
MERGE (n:Chemical {key: row.key})
ON CREATE SET n.firstIngestedAt = $now
SET n += row.props,
    n.searchText = CASE WHEN n.searchText IS NULL THEN row.searchText WHEN n.searchText CONTAINS row.searchText THEN n.searchText ELSE n.searchText + ' ' + row.searchText END,
    n.sourceFiles = coalesce(n.sourceFiles, []) + [x IN row.sourceFiles WHERE NOT x IN coalesce(n.sourceFiles, [])],
    n.sourceRows = (coalesce(n.sourceRows, []) + [x IN row.sourceRows WHERE NOT x IN coalesce(n.sourceRows, [])])[0..200],
    n.ingestRuns = coalesce(n.ingestRuns, []) + [x IN [$run] WHERE NOT x IN coalesce(n.ingestRuns, [])],
    n.lastIngestedAt = $now
