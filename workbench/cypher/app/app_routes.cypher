// ---
// id: app_routes
// kind: internal
// mode: read
// title: {en: Routes of shipments, es: Rutas de envíos}
// description: >-
//   The routes page. Ports of lading, transit (in order) and discharge of the selected shipments and of the
//   shipments linked to the selected entities. Keys are looked up per label (one index lookup each), never by scanning every node.
// parameters:
//   - {name: keys, type: list<string>, default: null, example: ["company:acme"], description: keys of selected shipments or entities}
// row: one shipment with its ports
// ---
CALL {
  UNWIND $keys AS k MATCH (s:Company {key: k}) RETURN s
  UNION ALL UNWIND $keys AS k MATCH (s:Person {key: k}) RETURN s
  UNION ALL UNWIND $keys AS k MATCH (s:Address {key: k}) RETURN s
  UNION ALL UNWIND $keys AS k MATCH (s:Phone {key: k}) RETURN s
  UNION ALL UNWIND $keys AS k MATCH (s:Email {key: k}) RETURN s
  UNION ALL UNWIND $keys AS k MATCH (s:Shipment {key: k}) RETURN s
  UNION ALL UNWIND $keys AS k MATCH (s:Container {key: k}) RETURN s
  UNION ALL UNWIND $keys AS k MATCH (s:Seizure {key: k}) RETURN s
  UNION ALL UNWIND $keys AS k MATCH (s:Chemical {key: k}) RETURN s
  UNION ALL UNWIND $keys AS k MATCH (s:Port {key: k}) RETURN s
  UNION ALL UNWIND $keys AS k MATCH (s:Country {key: k}) RETURN s
  UNION ALL UNWIND $keys AS k MATCH (s:Notification {key: k}) RETURN s
  UNION ALL UNWIND $keys AS k MATCH (s:WatchlistEntry {key: k}) RETURN s
  UNION ALL UNWIND $keys AS k MATCH (s:IngestRun {key: k}) RETURN s
  UNION ALL UNWIND $keys AS k MATCH (s:ResolutionDecision {key: k}) RETURN s
  UNION ALL UNWIND $keys AS k MATCH (s:Inspection {key: k}) RETURN s
  UNION ALL UNWIND $keys AS k MATCH (s:Payment {key: k}) RETURN s
}
MATCH (s)-[*0..1]-(sh:Shipment)
WITH DISTINCT sh
OPTIONAL MATCH (sh)-[:LADEN_AT]->(l:Port)
OPTIONAL MATCH (sh)-[t:TRANSITED]->(tp:Port)
WITH sh, l, tp, t
ORDER BY t.order
WITH sh, l, collect(tp) AS transits
OPTIONAL MATCH (sh)-[:DISCHARGED_AT]->(d:Port)
RETURN sh.key AS shipment, sh.billOfLading AS billOfLading, sh.declarationDate AS date, l AS lading, transits, d AS discharge
ORDER BY date
LIMIT 500
