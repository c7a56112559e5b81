// ---
// id: entities_person
// kind: internal
// mode: read
// title: {en: Resolved Person entities, es: Entidades resueltas}
// description: "Every resolved Person with all its source spellings, country and how many source rows it came from."
// row: one resolved entity
// ---
MATCH (n:Person)
RETURN n.key AS key, n.name AS name, coalesce(n.names, [n.name]) AS names, n.country AS country,
       size(coalesce(n.sourceRows, [])) AS sources, coalesce(n.resolution, []) AS resolution,
       coalesce(n.isBroker, false) AS isBroker
ORDER BY n.name, n.key
