// ---
// id: entity_move_in_consigned_to
// kind: internal
// mode: write
// title: {en: Move CONSIGNED_TO relationships (in)}
// description: "Manual merge or split: move the CONSIGNED_TO relationships of one entity (optionally only those recorded under some source spellings) to another."
// parameters:
//   - {name: source, type: string, default: null, example: "company:cn:acme-2", description: source}
//   - {name: target, type: string, default: null, example: "company:cn:acme", description: target}
//   - {name: names, type: list<string>, default: null, example: null, description: names}
// ---
MATCH (x)-[r:CONSIGNED_TO]->(src {key: $source})
WHERE $names IS NULL OR any(name IN coalesce(r.asNames, []) WHERE name IN $names)
MATCH (dst {key: $target})
WITH r, x, dst, properties(r) AS props
MERGE (x)-[m:CONSIGNED_TO]->(dst)
SET m += props
DELETE r
RETURN count(*) AS moved
