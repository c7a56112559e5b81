// ---
// id: entity_merge_nodes
// kind: internal
// mode: write
// title: {en: Merge two entities}
// description: "Manual merge: the target takes the source's spellings, identifiers and provenance; the source (its relationships already moved) is deleted."
// parameters:
//   - {name: source, type: string, default: null, example: "company:cn:acme-2", description: entity absorbed}
//   - {name: target, type: string, default: null, example: "company:cn:acme", description: entity kept}
//   - {name: reason, type: string, default: null, example: "merged by analyst", description: why}
// ---
MATCH (src {key: $source})
MATCH (dst {key: $target})
SET dst.names = coalesce(dst.names, []) + [x IN coalesce(src.names, []) WHERE NOT x IN coalesce(dst.names, [])],
    dst.nameKeys = coalesce(dst.nameKeys, []) + [x IN coalesce(src.nameKeys, []) WHERE NOT x IN coalesce(dst.nameKeys, [])],
    dst.identifiers = coalesce(dst.identifiers, []) + [x IN coalesce(src.identifiers, []) WHERE NOT x IN coalesce(dst.identifiers, [])],
    dst.sourceFiles = coalesce(dst.sourceFiles, []) + [x IN coalesce(src.sourceFiles, []) WHERE NOT x IN coalesce(dst.sourceFiles, [])],
    dst.sourceRows = coalesce(dst.sourceRows, []) + [x IN coalesce(src.sourceRows, []) WHERE NOT x IN coalesce(dst.sourceRows, [])],
    dst.ingestRuns = coalesce(dst.ingestRuns, []) + [x IN coalesce(src.ingestRuns, []) WHERE NOT x IN coalesce(dst.ingestRuns, [])],
    dst.searchText = coalesce(dst.searchText, '') + ' ' + coalesce(src.searchText, ''),
    dst.resolution = coalesce(dst.resolution, []) + [$reason]
WITH src, dst
DETACH DELETE src
RETURN dst.key AS key
