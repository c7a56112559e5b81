// ---
// id: briefing_neighbourhood
// kind: internal
// mode: read
// title: {en: One hop around a set of entities, es: Un salto alrededor de un conjunto de entidades}
// description: >-
//   The keys of the nodes one relationship away (either direction) from the given nodes, leaving out nodes with a
//   context label (a country, port, ingest run or chemical: a hub by nature, shown as an attribute, never a path).
//   The briefing calls it once per hop, so a neighbourhood of depth d costs d small queries, never every path.
// parameters:
//   - {name: keys, type: list<string>, default: [], example: ["company:acme"], description: keys of the nodes to expand}
//   - {name: context, type: list<string>, default: null, required: true, example: ["Chemical", "Country", "IngestRun", "Port", "ResolutionDecision"], description: "labels not to step onto: load_model().context_labels"}
// row: one neighbour's key
// ---
// Every key is looked up under its label (one branch per label of the model, workbench/model/graph.yaml), so
// each lookup is an index seek whatever the size of the store; tests/unit/test_briefing_cypher.py checks the branches.
CALL () {
  UNWIND $keys AS k MATCH (start:Company {key: k}) RETURN start
  UNION
  UNWIND $keys AS k MATCH (start:Person {key: k}) RETURN start
  UNION
  UNWIND $keys AS k MATCH (start:Address {key: k}) RETURN start
  UNION
  UNWIND $keys AS k MATCH (start:Phone {key: k}) RETURN start
  UNION
  UNWIND $keys AS k MATCH (start:Email {key: k}) RETURN start
  UNION
  UNWIND $keys AS k MATCH (start:Shipment {key: k}) RETURN start
  UNION
  UNWIND $keys AS k MATCH (start:Container {key: k}) RETURN start
  UNION
  UNWIND $keys AS k MATCH (start:Seizure {key: k}) RETURN start
  UNION
  UNWIND $keys AS k MATCH (start:Notification {key: k}) RETURN start
  UNION
  UNWIND $keys AS k MATCH (start:WatchlistEntry {key: k}) RETURN start
  UNION
  UNWIND $keys AS k MATCH (start:Chemical {key: k}) RETURN start
  UNION
  UNWIND $keys AS k MATCH (start:Port {key: k}) RETURN start
  UNION
  UNWIND $keys AS k MATCH (start:Country {key: k}) RETURN start
  UNION
  UNWIND $keys AS k MATCH (start:IngestRun {key: k}) RETURN start
  UNION
  UNWIND $keys AS k MATCH (start:ResolutionDecision {key: k}) RETURN start
  UNION
  UNWIND $keys AS k MATCH (start:Inspection {key: k}) RETURN start
  UNION
  UNWIND $keys AS k MATCH (start:Payment {key: k}) RETURN start
}
MATCH (start)--(n)
WHERE none(label IN labels(n) WHERE label IN $context)
RETURN DISTINCT n.key AS key
