// ---
// id: ingest_stored_records
// kind: internal
// mode: read
// title: {en: Records an earlier ingest stored under these keys, es: Registros que una carga anterior guardó con estas claves}
// description: "Properties of the shipments, seizures, notifications and payments already stored under a batch's keys, so that a row reusing an id with different data is refused instead of blended."
// parameters:
//   - {name: shipments, type: list<string>, default: [], example: ["shipment:BL-1:M1"], description: Shipment keys}
//   - {name: seizures, type: list<string>, default: [], example: ["seizure:SZ-1"], description: Seizure keys}
//   - {name: notifications, type: list<string>, default: [], example: ["notification:PEN-1"], description: Notification keys}
//   - {name: payments, type: list<string>, default: [], example: ["payment:PAY-1"], description: Payment keys}
// row: one stored record's key and properties
// ---
UNWIND $shipments AS k
MATCH (n:Shipment {key: k})
RETURN n.key AS key, properties(n) AS props
UNION ALL
UNWIND $seizures AS k
MATCH (n:Seizure {key: k})
RETURN n.key AS key, properties(n) AS props
UNION ALL
UNWIND $notifications AS k
MATCH (n:Notification {key: k})
RETURN n.key AS key, properties(n) AS props
UNION ALL
UNWIND $payments AS k
MATCH (n:Payment {key: k})
RETURN n.key AS key, properties(n) AS props
