// ---
// id: ingest_existing_companies
// kind: internal
// mode: read
// title: {en: Companies already resolved}
// description: "Ingest resolves new records against the store's companies; this loads their name keys, places and identifiers."
// row: one company with what resolution needs
// ---
MATCH (n:Company)
RETURN n.key AS key, n.name AS name, n.names AS names, n.nameKeys AS nameKeys, n.places AS places,
       n.identifiers AS identifiers, n.country AS country, n.resolution AS resolution
