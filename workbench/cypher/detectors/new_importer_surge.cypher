// ---
// id: new_importer_surge
// kind: detector
// mode: read
// title: {en: New importer with a sudden surge of precursor-range imports, es: Importador nuevo con alza súbita de importaciones del rango de precursores}
// description:
//   en: >-
//     Consignees with no history (first shipment at least historyDays after the first shipment in the data, or
//     incorporated less than historyDays before it) that within windowDays of their first shipment receive at
//     least minShipments precursor-range shipments (declared as a catalogue chemical of one of schedules, or an HS code in hsPrefixes) from at least
//     minSuppliers suppliers.
//   es: >-
//     Consignatarios sin historial (su primer envío llega al menos historyDays después del primer envío de los datos, o se
//     constituyeron menos de historyDays antes de él) que en los windowDays siguientes a su primer envío reciben al menos
//     minShipments envíos del rango de precursores (declarados como una sustancia del catálogo de alguna de las listas
//     schedules, o con una fracción en hsPrefixes) de al menos minSuppliers proveedores.
// category: new-importer-surge
// severity: medium
// parameters:
//   - {name: hsPrefixes, type: list<string>, default: ["2933.3", "2914.31", "2939.4"], example: ["2933.3", "2914.31"], description: HS codes (prefixes) treated as precursor range}
//   - {name: schedules, type: list<string>, default: ["table_i", "surveillance"], example: ["table_i"], description: catalogue schedules whose chemicals count as precursor range}
//   - {name: historyDays, type: integer, default: 180, example: 180, description: how much earlier trade makes an importer established}
//   - {name: windowDays, type: integer, default: 120, example: 120, description: length of the surge window after the first shipment}
//   - {name: minShipments, type: integer, default: 3, example: 3, description: fewest precursor-range shipments in the window}
//   - {name: minSuppliers, type: integer, default: 2, example: 2, description: fewest distinct suppliers in the window}
// row: {en: "one new consignee with its first precursor-range shipments and their suppliers", es: "un consignatario nuevo con sus primeros envíos en el rango de precursores y sus proveedores"}
// explanation:
//   en: >-
//     {{ entities[0].name }} first appears as a consignee on {{ evidence.firstSeen|date }}{% if evidence.incorporationDate %}
//     (incorporated {{ evidence.incorporationDate|date }}){% endif %} and by {{ evidence.shipments|map(attribute='date')|max|date }}
//     had received {{ evidence.shipments|length|num }}{{ '+' if evidence.shipments|length >= 25 else '' }} precursor-range shipments from
//     {{ evidence.suppliers|length|num }} suppliers.
//   es: >-
//     {{ entities[0].name }} aparece como consignatario por primera vez el {{ evidence.firstSeen|date }}{% if evidence.incorporationDate %}
//     (constituida el {{ evidence.incorporationDate|date }}){% endif %} y para el {{ evidence.shipments|map(attribute='date')|max|date }}
//     había recibido {{ evidence.shipments|length|num }}{{ '+' if evidence.shipments|length >= 25 else '' }} envíos del rango de
//     precursores de {{ evidence.suppliers|length|num }} proveedores.
// ---
MATCH (s0:Shipment)
WHERE s0.declarationDate IS NOT NULL
WITH min(s0.declarationDate) AS dataStart
MATCH (s:Shipment)-[:CONSIGNED_TO]->(c:Company)
WITH dataStart, c, min(s.declarationDate) AS firstSeen
WHERE firstSeen >= toString(date(dataStart) + duration({days: $historyDays}))
   OR (c.incorporationDate IS NOT NULL
       AND c.incorporationDate >= toString(date(firstSeen) - duration({days: $historyDays})))
WITH c, firstSeen, toString(date(firstSeen) + duration({days: $windowDays})) AS windowEnd
MATCH (c)<-[:CONSIGNED_TO]-(s:Shipment)<-[:SHIPPED]-(sup:Company)
WHERE s.declarationDate <= windowEnd
  AND (any(p IN $hsPrefixes WHERE s.hsCode STARTS WITH p) OR EXISTS { (s)-[:DECLARED_AS]->(k:Chemical) WHERE k.schedule IN $schedules })
WITH c, firstSeen, windowEnd, collect(DISTINCT s) AS ships, collect(DISTINCT sup) AS suppliers
WHERE size(ships) >= $minShipments AND size(suppliers) >= $minSuppliers
RETURN [{label: 'Company', key: c.key, name: c.name}] AS entities,
       c.name + ' first appears as a consignee on ' + firstSeen
         + CASE WHEN c.incorporationDate IS NOT NULL THEN ' (incorporated ' + c.incorporationDate + ')' ELSE '' END
         + ' and by ' + windowEnd + ' had received ' + toString(size(ships)) + ' precursor-range shipments from '
         + toString(size(suppliers)) + ' suppliers.' AS explanation,
       {firstSeen: firstSeen, incorporationDate: c.incorporationDate, suppliers: [x IN suppliers | x.key],
        shipments: [x IN ships | {billOfLading: x.billOfLading, date: x.declarationDate, hsCode: x.hsCode}][..25]} AS evidence,
       round(CASE WHEN 0.2 * size(ships) + 0.1 * size(suppliers) > 1.0 THEN 1.0
                  ELSE 0.2 * size(ships) + 0.1 * size(suppliers) END, 3) AS score
ORDER BY score DESC, c.key
