// ---
// id: entity_get
// kind: internal
// mode: read
// title: {en: One entity by key}
// description: "The labels and spellings of one entity, for merge and split."
// parameters:
//   - {name: key, type: string, default: null, example: "company:cn:acme", description: entity key}
// row: the entity
// ---
MATCH (n {key: $key})
RETURN labels(n) AS labels, n.names AS names, n.nameKeys AS nameKeys, coalesce(n.isBroker, false) AS isBroker
