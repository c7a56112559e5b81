// ---
// id: briefing_nodes
// kind: internal
// mode: read
// title: {en: Briefing entities, es: Entidades de la sesión informativa}
// description: "The nodes of a briefing or export, by key, with their labels and every property (provenance included)."
// parameters:
//   - {name: keys, type: list<string>, default: [], example: ["company:acme", "person:li-wei"], description: node keys}
// row: one node with its labels and properties
// ---
// Every key is looked up under its label (one branch per label of the model, workbench/model/graph.yaml), so
// each lookup is an index seek whatever the size of the store; tests/unit/test_briefing_cypher.py checks the branches.
CALL () {
  UNWIND $keys AS k MATCH (n:Company {key: k}) RETURN n
  UNION
  UNWIND $keys AS k MATCH (n:Person {key: k}) RETURN n
  UNION
  UNWIND $keys AS k MATCH (n:Address {key: k}) RETURN n
  UNION
  UNWIND $keys AS k MATCH (n:Phone {key: k}) RETURN n
  UNION
  UNWIND $keys AS k MATCH (n:Email {key: k}) RETURN n
  UNION
  UNWIND $keys AS k MATCH (n:Shipment {key: k}) RETURN n
  UNION
  UNWIND $keys AS k MATCH (n:Container {key: k}) RETURN n
  UNION
  UNWIND $keys AS k MATCH (n:Seizure {key: k}) RETURN n
  UNION
  UNWIND $keys AS k MATCH (n:Notification {key: k}) RETURN n
  UNION
  UNWIND $keys AS k MATCH (n:WatchlistEntry {key: k}) RETURN n
  UNION
  UNWIND $keys AS k MATCH (n:Chemical {key: k}) RETURN n
  UNION
  UNWIND $keys AS k MATCH (n:Port {key: k}) RETURN n
  UNION
  UNWIND $keys AS k MATCH (n:Country {key: k}) RETURN n
  UNION
  UNWIND $keys AS k MATCH (n:IngestRun {key: k}) RETURN n
  UNION
  UNWIND $keys AS k MATCH (n:ResolutionDecision {key: k}) RETURN n
  UNION
  UNWIND $keys AS k MATCH (n:Inspection {key: k}) RETURN n
  UNION
  UNWIND $keys AS k MATCH (n:Payment {key: k}) RETURN n
}
RETURN n.key AS key, labels(n) AS labels, properties(n) AS props
ORDER BY key
