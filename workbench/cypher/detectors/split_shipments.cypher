// ---
// id: split_shipments
// kind: detector
// mode: read
// title: {en: Many small consignments of precursor-range goods, es: Muchos envíos pequeños de mercancía del rango de precursores}
// description:
//   en: >-
//     A shipper and consignee exchanging at least minShipments small consignments (each under maxWeightKg) of
//     precursor-range goods (declared as a catalogue chemical of one of schedules, or an HS code in hsPrefixes) within one calendar month, the
//     pattern of a large order split to stay below attention. Regular bulk trade is not reported.
//   es: >-
//     Un embarcador y un consignatario que intercambian al menos minShipments envíos pequeños (cada uno de menos de
//     maxWeightKg) de mercancía del rango de precursores (declarada como una sustancia del catálogo de alguna de las listas
//     schedules, o con una fracción en hsPrefixes) dentro de un mismo mes: el patrón de un pedido grande fraccionado para no
//     llamar la atención. No se informa el comercio regular a granel.
// category: split-shipments
// severity: medium
// parameters:
//   - {name: hsPrefixes, type: list<string>, default: ["2933.3", "2914.31", "2939.4"], example: ["2933.3", "2914.31"], description: HS codes (prefixes) treated as precursor range}
//   - {name: schedules, type: list<string>, default: ["table_i", "surveillance"], example: ["table_i"], description: catalogue schedules whose chemicals count as precursor range}
//   - {name: maxWeightKg, type: float, default: 100.0, example: 100.0, description: a consignment lighter than this is small}
//   - {name: minShipments, type: integer, default: 4, example: 4, description: fewest small consignments in one month}
// row: {en: "one shipper-consignee pair and month with its small consignments", es: "un par embarcador-consignatario y un mes con sus envíos pequeños"}
// explanation:
//   en: >-
//     {{ entities[0].name }} sent {{ entities[1].name }} {{ evidence.shipments|length|num }}{{ '+' if evidence.shipments|length >= 25 else '' }}
//     consignments of at most {{ evidence.shipments|map(attribute='weightKg')|max|num }} kg in {{ evidence.month|month }},
//     {{ evidence.totalKg|num }} kg in all{% if evidence.containers and evidence.containers|length < evidence.shipments|length %},
//     reusing {{ evidence.containers|length }} container(s){% endif %}.
//   es: >-
//     {{ entities[0].name }} envió a {{ entities[1].name }} {{ evidence.shipments|length|num }}{{ '+' if evidence.shipments|length >= 25 else '' }}
//     envíos de como máximo {{ evidence.shipments|map(attribute='weightKg')|max|num }} kg en {{ evidence.month|month }},
//     {{ evidence.totalKg|num }} kg en total{% if evidence.containers and evidence.containers|length < evidence.shipments|length %},
//     reutilizando {{ evidence.containers|length }} {{ 'contenedor' if evidence.containers|length == 1 else 'contenedores' }}{% endif %}.
// ---
MATCH (p:Company)-[:SHIPPED]->(s:Shipment)-[:CONSIGNED_TO]->(c:Company)
WHERE s.weightKg IS NOT NULL AND s.weightKg < $maxWeightKg AND s.declarationDate IS NOT NULL
  AND (any(x IN $hsPrefixes WHERE s.hsCode STARTS WITH x) OR EXISTS { (s)-[:DECLARED_AS]->(k:Chemical) WHERE k.schedule IN $schedules })
WITH p, c, substring(s.declarationDate, 0, 7) AS month, collect(s) AS ships
WHERE size(ships) >= $minShipments
WITH p, c, month, ships, reduce(w = 0.0, s IN ships | w + s.weightKg) AS total,
     reduce(u = [], s IN ships | u + [k IN coalesce(s.containerIds, []) WHERE NOT k IN u]) AS containers
RETURN [{label: 'Company', key: p.key, name: p.name}, {label: 'Company', key: c.key, name: c.name}] AS entities,
       p.name + ' sent ' + c.name + ' ' + toString(size(ships)) + ' consignments under '
         + toString($maxWeightKg) + ' kg in ' + month + ', ' + toString(round(total, 1)) + ' kg in all'
         + CASE WHEN size(containers) > 0 AND size(containers) < size(ships) THEN ', reusing ' + toString(size(containers)) + ' container(s)' ELSE '' END
         + '.' AS explanation,
       {month: month, totalKg: round(total, 1), containers: containers[..25],
        shipments: [s IN ships | {billOfLading: s.billOfLading, date: s.declarationDate, weightKg: s.weightKg}][..25]} AS evidence,
       round(CASE WHEN 0.15 * size(ships) + CASE WHEN size(containers) > 0 AND size(containers) < size(ships) THEN 0.2 ELSE 0.0 END > 1.0
                  THEN 1.0
                  ELSE 0.15 * size(ships) + CASE WHEN size(containers) > 0 AND size(containers) < size(ships) THEN 0.2 ELSE 0.0 END END, 3) AS score
ORDER BY score DESC, p.key, c.key, month
