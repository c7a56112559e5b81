// ---
// id: ingest_decisions
// kind: internal
// mode: read
// title: {en: Manual resolution decisions}
// description: "The merges and splits investigators recorded, oldest first; ingest applies them after automatic resolution."
// row: one decision
// ---
MATCH (d:ResolutionDecision)
RETURN d.key AS key, d.kind AS kind, d.entityLabel AS label, d.target AS target, d.sources AS sources,
       d.names AS names, d.createdAt AS createdAt
ORDER BY d.createdAt, d.key
