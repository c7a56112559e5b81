// ---
// id: entity_get
// kind: internal
// mode: read
// title: {en: One entity by key}
// description: "The labels and spellings of one entity, for merge and split. Keys are looked up per label (one index lookup each), never by scanning every node."
// parameters:
//   - {name: key, type: string, default: null, example: "company:cn:acme", description: entity key}
// row: the entity
// ---
CALL {
  MATCH (n:Company {key: $key}) RETURN n
  UNION ALL MATCH (n:Person {key: $key}) RETURN n
  UNION ALL MATCH (n:Address {key: $key}) RETURN n
  UNION ALL MATCH (n:Phone {key: $key}) RETURN n
  UNION ALL MATCH (n:Email {key: $key}) RETURN n
  UNION ALL MATCH (n:Shipment {key: $key}) RETURN n
  UNION ALL MATCH (n:Container {key: $key}) RETURN n
  UNION ALL MATCH (n:Seizure {key: $key}) RETURN n
  UNION ALL MATCH (n:Chemical {key: $key}) RETURN n
  UNION ALL MATCH (n:Port {key: $key}) RETURN n
  UNION ALL MATCH (n:Country {key: $key}) RETURN n
  UNION ALL MATCH (n:Notification {key: $key}) RETURN n
  UNION ALL MATCH (n:WatchlistEntry {key: $key}) RETURN n
  UNION ALL MATCH (n:IngestRun {key: $key}) RETURN n
  UNION ALL MATCH (n:ResolutionDecision {key: $key}) RETURN n
}
RETURN labels(n) AS labels, n.names AS names, n.nameKeys AS nameKeys, coalesce(n.isBroker, false) AS isBroker
