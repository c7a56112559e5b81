// ---
// id: broker_hub
// kind: detector
// mode: read
// title: {en: Broker or forwarder hub with seized shipments, es: Agente o transitario concentrador con envíos asegurados}
// description:
//   en: >-
//     An intermediary that arranged shipments connecting at least minSuppliers suppliers to at least minConsignees
//     consignees, where at least minSeized of its shipments were seized and the seized share is at least
//     minSeizedShare. Large forwarders with the odd seizure among thousands of shipments are not reported.
//   es: >-
//     Un intermediario que gestionó envíos que conectan al menos minSuppliers proveedores con al menos minConsignees
//     consignatarios, de los que al menos minSeized fueron asegurados y la proporción asegurada es al menos minSeizedShare.
//     No se informan los grandes transitarios con algún aseguramiento aislado entre miles de envíos.
// category: broker-hub
// severity: high
// parameters:
//   - {name: minSuppliers, type: integer, default: 3, example: 3, description: fewest distinct suppliers}
//   - {name: minConsignees, type: integer, default: 2, example: 2, description: fewest distinct consignees}
//   - {name: minSeized, type: integer, default: 2, example: 2, description: fewest seized shipments}
//   - {name: minSeizedShare, type: float, default: 0.05, example: 0.05, description: smallest share of its shipments that were seized}
// row: {en: "one broker with the suppliers, consignees and seizures it connects", es: "un intermediario con los proveedores, consignatarios y aseguramientos que conecta"}
// explanation:
//   en: >-
//     {{ entities[0].name }} arranged {{ evidence.shipments|num }} shipments linking {{ evidence.suppliers|num }}
//     suppliers to {{ evidence.consignees|num }} consignees; {{ (evidence.seizedShare * evidence.shipments)|round|int }} of them
//     ({{ evidence.seizedShare|pct }}) were seized.
//   es: >-
//     {{ entities[0].name }} gestionó {{ evidence.shipments|num }} envíos que vinculan a {{ evidence.suppliers|num }}
//     proveedores con {{ evidence.consignees|num }} consignatarios; {{ (evidence.seizedShare * evidence.shipments)|round|int }}
//     de ellos ({{ evidence.seizedShare|pct }}) fueron asegurados.
// ---
MATCH (z:Seizure)-[:SEIZED_FROM]->(s:Shipment)<-[:ARRANGED]-(b:Company)
WITH b, collect(DISTINCT s) AS seized, collect(DISTINCT z.seizureId) AS seizures
WHERE size(seized) >= $minSeized
WITH b, seized, seizures, COUNT { (b)-[:ARRANGED]->(:Shipment) } AS total
WHERE toFloat(size(seized)) / total >= $minSeizedShare
MATCH (b)-[:ARRANGED]->(s:Shipment)
OPTIONAL MATCH (p:Company)-[:SHIPPED]->(s)
OPTIONAL MATCH (s)-[:CONSIGNED_TO]->(c:Company)
WITH b, seized, seizures, total, count(DISTINCT p) AS suppliers, count(DISTINCT c) AS consignees
WHERE suppliers >= $minSuppliers AND consignees >= $minConsignees
WITH b, seized, seizures, total, suppliers, consignees, toFloat(size(seized)) / total AS share
RETURN [{label: 'Company', key: b.key, name: b.name}] AS entities,
       b.name + ' arranged ' + toString(total) + ' shipments linking ' + toString(suppliers) + ' suppliers to '
         + toString(consignees) + ' consignees; ' + toString(size(seized)) + ' of them ('
         + toString(round(100 * share, 1)) + '%) were seized.' AS explanation,
       {shipments: total, suppliers: suppliers, consignees: consignees,
        seizedShipments: [s IN seized | s.billOfLading][..25], seizures: seizures[..25],
        seizedShare: round(share, 4)} AS evidence,
       round(CASE WHEN 0.4 + share * 2 > 1.0 THEN 1.0 ELSE 0.4 + share * 2 END, 3) AS score
ORDER BY score DESC, b.key
