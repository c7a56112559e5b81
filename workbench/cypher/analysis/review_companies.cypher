// ---
// id: review_companies
// kind: internal
// mode: read
// title: {en: Companies for the review queue, es: Empresas para la cola de revisión}
// description: "Every company with what the review queue compares: spellings, name keys, places, identifiers and the name keys of its officers (workbench/ingest/review.py)."
// row: one company
// ---
MATCH (c:Company)
OPTIONAL MATCH (p:Person)-[:OFFICER_OF]->(c)
WITH c, collect(DISTINCT p.key) AS officerKeys, collect(p.nameKeys) AS officerNameKeys
RETURN c.key AS key, c.name AS name, c.names AS names, c.nameKeys AS nameKeys, c.country AS country,
       c.places AS places, c.identifiers AS identifiers, officerKeys, officerNameKeys
ORDER BY key
