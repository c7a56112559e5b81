// ---
// id: briefing_links
// kind: internal
// mode: read
// title: {en: Links among a set of entities, es: Vínculos entre un conjunto de entidades}
// description: "Every relationship whose two ends are both among the given keys, with its type and properties."
// parameters:
//   - {name: keys, type: list<string>, default: [], example: ["company:acme", "shipment:bl-1"], description: node keys}
// row: one relationship between two of the given nodes
// ---
// Every key is looked up under its label (one branch per label of the model, workbench/model/graph.yaml), so
// each lookup is an index seek whatever the size of the store; tests/unit/test_briefing_cypher.py checks the branches.
CALL () {
  UNWIND $keys AS k MATCH (a:Company {key: k}) RETURN a
  UNION
  UNWIND $keys AS k MATCH (a:Person {key: k}) RETURN a
  UNION
  UNWIND $keys AS k MATCH (a:Address {key: k}) RETURN a
  UNION
  UNWIND $keys AS k MATCH (a:Phone {key: k}) RETURN a
  UNION
  UNWIND $keys AS k MATCH (a:Email {key: k}) RETURN a
  UNION
  UNWIND $keys AS k MATCH (a:Shipment {key: k}) RETURN a
  UNION
  UNWIND $keys AS k MATCH (a:Container {key: k}) RETURN a
  UNION
  UNWIND $keys AS k MATCH (a:Seizure {key: k}) RETURN a
  UNION
  UNWIND $keys AS k MATCH (a:Notification {key: k}) RETURN a
  UNION
  UNWIND $keys AS k MATCH (a:WatchlistEntry {key: k}) RETURN a
  UNION
  UNWIND $keys AS k MATCH (a:Chemical {key: k}) RETURN a
  UNION
  UNWIND $keys AS k MATCH (a:Port {key: k}) RETURN a
  UNION
  UNWIND $keys AS k MATCH (a:Country {key: k}) RETURN a
  UNION
  UNWIND $keys AS k MATCH (a:IngestRun {key: k}) RETURN a
  UNION
  UNWIND $keys AS k MATCH (a:ResolutionDecision {key: k}) RETURN a
  UNION
  UNWIND $keys AS k MATCH (a:Inspection {key: k}) RETURN a
  UNION
  UNWIND $keys AS k MATCH (a:Payment {key: k}) RETURN a
}
MATCH (a)-[r]->(b)
WHERE b.key IN $keys
RETURN a.key AS source, type(r) AS type, b.key AS target, properties(r) AS props
ORDER BY source, type, target
