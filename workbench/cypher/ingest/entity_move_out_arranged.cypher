// ---
// id: entity_move_out_arranged
// kind: internal
// mode: write
// title: {en: Move ARRANGED relationships (out)}
// description: "Manual merge or split: move the ARRANGED relationships of one entity (optionally only those recorded under some source spellings) to another."
// parameters:
//   - {name: source, type: string, default: null, example: "company:cn:acme-2", description: source}
//   - {name: target, type: string, default: null, example: "company:cn:acme", description: target}
//   - {name: names, type: list<string>, default: null, example: null, description: names}
// ---
MATCH (src {key: $source})-[r:ARRANGED]->(x)
WHERE $names IS NULL OR any(name IN coalesce(r.asNames, []) WHERE name IN $names)
MATCH (dst {key: $target})
WITH r, x, dst, properties(r) AS props
MERGE (dst)-[m:ARRANGED]->(x)
SET m += props
DELETE r
RETURN count(*) AS moved
