// ---
// id: ingest_existing_companies
// kind: internal
// mode: read
// title: {en: Companies already resolved}
// description: "Ingest resolves new records against the store's companies; this loads their name keys, places and identifiers. Entities created only by an interrupted earlier attempt of the same run are left out, so the resumed run resolves exactly as the first attempt did and its keys do not shift."
// parameters:
//   - {name: run, type: string, default: "", example: "run:fd485b073c57a85af4ea", description: "the key of the run about to write; when it was interrupted, what it alone created is left out"}
// row: one company with what resolution needs
// ---
OPTIONAL MATCH (r:IngestRun {key: $run})
WITH coalesce(r.status, '') = 'running' AS resuming
MATCH (n:Company)
WHERE NOT (resuming AND coalesce(n.ingestRuns, []) = [$run])
RETURN n.key AS key, n.name AS name, n.names AS names, n.nameKeys AS nameKeys, n.places AS places,
       n.identifiers AS identifiers, n.country AS country, n.resolution AS resolution
