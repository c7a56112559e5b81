// ---
// id: ingest_new_chemical
// kind: internal
// mode: write
// title: {en: Create new Chemical nodes}
// description: "Ingest fast path: CREATE Chemical nodes known to be absent (checked in the same transaction), with the same properties the MERGE in ingest_node_chemical would set."
// parameters:
//   - {name: rows, type: list<map>, default: null, example: [{key: "chemical:example", name: "Example", props: {}, names: ["Example"], searchText: "example", sourceFiles: ["manifests.csv"], sourceRows: ["manifests.csv#2"]}], description: "one batch of nodes: key, name, props, names, searchText, sourceFiles, sourceRows"}
//   - {name: now, type: string, default: null, example: "2024-01-01T00:00:00+00:00", description: now}
//   - {name: run, type: string, default: null, example: "run:example", description: run}
// ---
UNWIND $rows AS row
CREATE (n:Chemical {key: row.key})
SET n.firstIngestedAt = $now,
    n += row.props,
    n.searchText = CASE WHEN n.searchText IS NULL THEN row.searchText WHEN n.searchText CONTAINS row.searchText THEN n.searchText ELSE n.searchText + ' ' + row.searchText END,
    n.sourceFiles = coalesce(n.sourceFiles, []) + [x IN row.sourceFiles WHERE NOT x IN coalesce(n.sourceFiles, [])],
    n.sourceRows = (coalesce(n.sourceRows, []) + [x IN row.sourceRows WHERE NOT x IN coalesce(n.sourceRows, [])])[0..200],
    n.ingestRuns = coalesce(n.ingestRuns, []) + [x IN [$run] WHERE NOT x IN coalesce(n.ingestRuns, [])],
    n.lastIngestedAt = $now
