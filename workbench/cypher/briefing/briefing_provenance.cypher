// ---
// id: briefing_provenance
// kind: internal
// mode: read
// title: {en: Provenance of a set of entities, es: Procedencia de un conjunto de entidades}
// description: "Where each given node came from: source files, rows, ingest runs and ingest dates."
// parameters:
//   - {name: keys, type: list<string>, default: [], example: ["company:acme"], description: node keys}
// row: one node with its provenance
// ---
MATCH (n)
WHERE n.key IN $keys
RETURN n.key AS key, n.sourceFiles AS sourceFiles, n.sourceRows AS sourceRows, n.ingestRuns AS ingestRuns,
       n.firstIngestedAt AS firstIngestedAt, n.lastIngestedAt AS lastIngestedAt
ORDER BY key
