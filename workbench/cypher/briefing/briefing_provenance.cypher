// ---
// id: briefing_provenance
// kind: internal
// mode: read
// title: {en: Provenance of a set of entities, es: Procedencia de un conjunto de entidades}
// description: "Where each given node came from: source files, rows, ingest runs and ingest dates."
// parameters:
//   - {name: keys, type: list<string>, default: [], example: ["company:acme"], description: node keys}
// row: one node with its provenance
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
RETURN n.key AS key, n.sourceFiles AS sourceFiles, n.sourceRows AS sourceRows, n.ingestRuns AS ingestRuns,
       n.firstIngestedAt AS firstIngestedAt, n.lastIngestedAt AS lastIngestedAt
ORDER BY key
