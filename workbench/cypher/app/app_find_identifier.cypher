// ---
// id: app_find_identifier
// kind: internal
// mode: read
// title: {en: Find an identifier exactly, es: Buscar un identificador exacto}
// description: >-
//   The search box's first step for identifier-like text (workbench/analysis/identifiers.py): shipments by bill of
//   lading or air waybill, chemicals by CAS number, phones, e-mails, and containers, seizures and notifications by
//   the key made from their number. Every branch is one index seek per value; the full-text search runs only when
//   nothing matches exactly.
// parameters:
//   - {name: bols, type: list<string>, default: [], example: ["BL-1"], description: bill of lading or air waybill numbers}
//   - {name: cas, type: list<string>, default: [], example: ["39742-60-4"], description: CAS numbers (hyphenated)}
//   - {name: phones, type: list<string>, default: [], example: ["+523140000001"], description: phone numbers in E.164}
//   - {name: emails, type: list<string>, default: [], example: ["export@acme.example"], description: e-mail addresses (lower case)}
//   - {name: containers, type: list<string>, default: [], example: ["container:ACMU0000001"], description: container keys}
//   - {name: seizures, type: list<string>, default: [], example: ["seizure:mx-1"], description: seizure keys}
//   - {name: notifications, type: list<string>, default: [], example: ["notification:pen-1"], description: notification keys}
//   - {name: limit, type: integer, default: 50, example: 50, description: hits at most}
// row: one node found exactly
// ---
CALL {
  UNWIND $bols AS v MATCH (n:Shipment {billOfLading: v}) RETURN n
  UNION ALL UNWIND $cas AS v MATCH (n:Chemical {casNumber: v}) RETURN n
  UNION ALL UNWIND $phones AS v MATCH (n:Phone {number: v}) RETURN n
  UNION ALL UNWIND $emails AS v MATCH (n:Email {address: v}) RETURN n
  UNION ALL UNWIND $containers AS v MATCH (n:Container {key: v}) RETURN n
  UNION ALL UNWIND $seizures AS v MATCH (n:Seizure {key: v}) RETURN n
  UNION ALL UNWIND $notifications AS v MATCH (n:Notification {key: v}) RETURN n
}
WITH DISTINCT n
RETURN n AS node, labels(n) AS labels
LIMIT $limit
