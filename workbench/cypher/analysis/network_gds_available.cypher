// ---
// id: network_gds_available
// kind: internal
// mode: read
// title: {en: "Is Neo4j Graph Data Science installed?", es: "¿Está instalado Neo4j Graph Data Science?"}
// description: Whether the gds.version procedure exists (asked only on Neo4j; ArcadeDB has no SHOW PROCEDURES).
// requires: neo4j
// row: how many procedures are called gds.version (0 or 1)
// ---
SHOW PROCEDURES YIELD name
WHERE name = 'gds.version'
RETURN count(*) AS available
