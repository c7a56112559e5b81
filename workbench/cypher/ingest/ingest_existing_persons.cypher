// ---
// id: ingest_existing_persons
// kind: internal
// mode: read
// title: {en: People already resolved}
// description: "Ingest resolves new records against the store's people; this loads their name keys and identifiers."
// parameters:
//   - {name: run, type: string, default: "", example: "run:fd485b073c57a85af4ea", description: "the key of the run about to write; when it was interrupted, what it alone created is left out"}
// row: one person with what resolution needs
// ---
OPTIONAL MATCH (r:IngestRun {key: $run})
WITH coalesce(r.status, '') = 'running' AS resuming
MATCH (n:Person)
WHERE NOT (resuming AND coalesce(n.ingestRuns, []) = [$run])
RETURN n.key AS key, n.name AS name, n.names AS names, n.nameKeys AS nameKeys, n.places AS places,
       n.identifiers AS identifiers, n.country AS country, n.resolution AS resolution
