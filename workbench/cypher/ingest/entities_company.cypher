// ---
// id: entities_company
// kind: internal
// mode: read
// title: {en: Resolved Company entities, es: Entidades resueltas}
// description: "Every resolved Company with all its source spellings, country and how many source rows it came from."
// row: one resolved entity
// ---
MATCH (n:Company)
RETURN n.key AS key, n.name AS name, coalesce(n.names, [n.name]) AS names, n.country AS country,
       size(coalesce(n.sourceRows, [])) AS sources, coalesce(n.resolution, []) AS resolution,
       coalesce(n.isBroker, false) AS isBroker
ORDER BY n.name, n.key
