// ---
// id: vague_precursor_declarations
// kind: detector
// mode: read
// title: {en: Vague cover descriptions on precursor-range goods, es: Descripciones genéricas en mercancía del rango de precursores}
// description:
//   en: >-
//     Consignees receiving precursor-range goods (declared as a catalogue chemical of one of schedules, or an HS code in hsPrefixes) declared with a
//     vague cover description such as "pharmaceutical intermediate" or "food additive" (the ingest marks these with
//     vagueDescription). Reported per consignee when at least minShipments such shipments arrived.
//   es: >-
//     Consignatarios que reciben mercancía del rango de precursores (declarada como una sustancia del catálogo de alguna
//     de las listas schedules, o con una fracción en hsPrefixes) declarada con una descripción genérica de cobertura como
//     "pharmaceutical intermediate" o "food additive" (la carga las marca con vagueDescription). Se informa por
//     consignatario cuando llegaron al menos minShipments de esos envíos.
// category: goods-mismatch
// severity: medium
// parameters:
//   - {name: hsPrefixes, type: list<string>, default: ["2933.3", "2914.31", "2939.4"], example: ["2933.3", "2914.31"], description: HS codes (prefixes) treated as precursor range}
//   - {name: schedules, type: list<string>, default: ["table_i", "surveillance"], example: ["table_i"], description: catalogue schedules whose chemicals count as precursor range}
//   - {name: minShipments, type: integer, default: 2, example: 2, description: fewest vague shipments per consignee}
// row: {en: "one consignee with its vaguely declared precursor-range shipments", es: "un consignatario con sus envíos en el rango de precursores declarados de forma vaga"}
// explanation:
//   en: >-
//     {{ entities[0].name }} received {{ evidence.count|num }} precursor-range shipments declared only as
//     {% for d in (evidence.shipments|map(attribute='description')|map('default', '?', true)|unique|list)[:3] %}"{{ d }}"{{ ', ' if not loop.last }}{% endfor %}.
//   es: >-
//     {{ entities[0].name }} recibió {{ evidence.count|num }} envíos del rango de precursores declarados solo como
//     {% for d in (evidence.shipments|map(attribute='description')|map('default', '?', true)|unique|list)[:3] %}"{{ d }}"{{ ', ' if not loop.last }}{% endfor %}.
// ---
MATCH (s:Shipment)
WHERE s.vagueDescription = true
  AND (any(p IN $hsPrefixes WHERE s.hsCode STARTS WITH p) OR EXISTS { (s)-[:DECLARED_AS]->(k:Chemical) WHERE k.schedule IN $schedules })
MATCH (s)-[:CONSIGNED_TO]->(c:Company)
WITH c, collect(s) AS ships
WHERE size(ships) >= $minShipments
WITH c, ships, [s IN ships | {billOfLading: s.billOfLading, date: s.declarationDate, hsCode: s.hsCode,
                              description: s.goodsDescription}] AS shown
RETURN [{label: 'Company', key: c.key, name: c.name}] AS entities,
       c.name + ' received ' + toString(size(ships)) + ' precursor-range shipments declared only as '
         + reduce(t = '', d IN reduce(u = [], x IN shown | CASE WHEN coalesce(x.description, '?') IN u THEN u ELSE u + coalesce(x.description, '?') END)[..3]
                  | t + CASE WHEN t = '' THEN '' ELSE ', ' END + '"' + d + '"')
         + '.' AS explanation,
       {shipments: shown[..25], count: size(ships)} AS evidence,
       round(CASE WHEN size(ships) >= 6 THEN 1.0 ELSE 0.4 + 0.1 * size(ships) END, 3) AS score
ORDER BY score DESC, c.key
