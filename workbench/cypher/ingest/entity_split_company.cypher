// ---
// id: entity_split_company
// kind: internal
// mode: write
// title: {en: Split a Company}
// description: "Manual split: some source spellings of one Company become an entity of their own (relationships are moved separately)."
// parameters:
//   - {name: source, type: string, default: null, example: "company:cn:acme", description: entity split}
//   - {name: target, type: string, default: null, example: "company:cn:acme:split-1", description: new entity key}
//   - {name: names, type: list<string>, default: null, example: ["ACME"], description: spellings moved}
//   - {name: nameKeys, type: list<string>, default: null, example: ["acme"], description: their name keys}
//   - {name: reason, type: string, default: null, example: "split by analyst", description: why}
//   - {name: now, type: string, default: null, example: "2024-01-01T00:00:00+00:00", description: now}
// ---
MATCH (src:Company {key: $source})
MERGE (dst:Company {key: $target})
ON CREATE SET dst.firstIngestedAt = $now, dst.name = $names[0], dst.country = src.country
SET dst.names = coalesce(dst.names, []) + [x IN $names WHERE NOT x IN coalesce(dst.names, [])],
    dst.nameKeys = coalesce(dst.nameKeys, []) + [x IN $nameKeys WHERE NOT x IN coalesce(dst.nameKeys, [])],
    dst.searchText = toLower(reduce(t = '', x IN $names | t + ' ' + x)),
    dst.resolution = coalesce(dst.resolution, []) + [$reason],
    dst.sourceFiles = src.sourceFiles, dst.ingestRuns = src.ingestRuns, dst.lastIngestedAt = $now,
    src.names = [x IN coalesce(src.names, []) WHERE NOT x IN $names],
    src.resolution = coalesce(src.resolution, []) + [$reason]
WITH src, dst
MATCH (src)-[:REGISTERED_IN]->(c:Country)
MERGE (dst)-[:REGISTERED_IN]->(c)
RETURN dst.key AS key
