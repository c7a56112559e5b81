// ---
// id: ingest_existing_persons
// kind: internal
// mode: read
// title: {en: People already resolved}
// description: "Ingest resolves new records against the store's people; this loads their name keys and identifiers."
// row: one person with what resolution needs
// ---
MATCH (n:Person)
RETURN n.key AS key, n.name AS name, n.names AS names, n.nameKeys AS nameKeys, n.places AS places,
       n.identifiers AS identifiers, n.country AS country, n.resolution AS resolution
