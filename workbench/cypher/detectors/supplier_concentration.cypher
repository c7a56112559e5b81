// ---
// id: supplier_concentration
// kind: detector
// mode: read
// title: {en: Importer trading almost only with PRC/HK chemical suppliers, es: Importador que comercia casi solo con proveedores químicos de China y Hong Kong}
// description:
//   en: >-
//     Consignees of at least minShipments shipments of which at least minShare came from chemical suppliers of the
//     watched regions (by default the PRC and Hong Kong), with at least one precursor-range shipment among them
//     (declared as a catalogue chemical of one of schedules, or an HS code in hsPrefixes). A chemical supplier is a
//     shipper (by its registered country, never through a shared country or port node) that shipped goods of
//     chemicalChapters (HS chapters 28, 29 and 38 by default) or a catalogue chemical. The default share of 0.8
//     reads "almost only": four shipments in five. A diversified importer is not reported.
//   es: >-
//     Consignatarios de al menos minShipments envíos, de los que al menos la proporción minShare vino de proveedores
//     químicos de las regiones vigiladas (por omisión China y Hong Kong), con al menos un envío del rango de
//     precursores entre ellos (declarado como una sustancia del catálogo de alguna de las listas schedules, o con una
//     fracción en hsPrefixes). Un proveedor químico es un embarcador (por su país de registro, nunca a través de un
//     nodo de país o de puerto compartido) que embarcó mercancía de los capítulos chemicalChapters (por omisión los
//     capítulos 28, 29 y 38 del SA) o una sustancia del catálogo. La proporción por omisión de 0,8 significa "casi
//     solo": cuatro de cada cinco envíos. No se informa el importador diversificado.
// category: supplier-concentration
// severity: low
// sources:
//   - "FinCEN FIN-2024-A002 (20 June 2024): Mexico-based firms that largely or exclusively do business with PRC or Hong Kong chemical or pharmaceutical companies (https://www.fincen.gov/)"
// parameters:
//   - {name: regions, type: list<string>, default: ["CN", "HK"], example: ["CN", "HK"], description: "supplier countries watched (ISO 3166 alpha-2)"}
//   - {name: chemicalChapters, type: list<string>, default: ["28", "29", "38"], example: ["28", "29"], description: HS chapters (prefixes) that make a shipper a chemical supplier}
//   - {name: hsPrefixes, type: list<string>, default: ["2933.3", "2914.31", "2939.4"], example: ["2933.3", "2914.31"], description: HS codes (prefixes) treated as precursor range}
//   - {name: schedules, type: list<string>, default: ["table_i", "surveillance"], example: ["table_i"], description: catalogue schedules whose chemicals count as precursor range}
//   - {name: minShare, type: float, default: 0.8, example: 0.8, description: "smallest share of the importer's shipments from watched chemical suppliers (0.8: four in five)"}
//   - {name: minShipments, type: integer, default: 5, example: 5, description: fewest shipments received (a share of two shipments says little)}
// row: {en: "one importer with the share of its shipments that came from watched chemical suppliers", es: "un importador con la proporción de sus envíos que vino de proveedores químicos vigilados"}
// explanation:
//   en: >-
//     {{ evidence.watchedShipments|num }} of the {{ evidence.shipments|num }} shipments {{ entities[0].name }} received
//     ({{ evidence.share|pct }}) came from chemical suppliers in {{ evidence.regions|and_list }}
//     ({{ evidence.suppliers|map(attribute='name')|and_list(3) }}), {{ evidence.precursorShipments|num }} of them precursor-range.
//   es: >-
//     {{ evidence.watchedShipments|num }} de los {{ evidence.shipments|num }} envíos que recibió {{ entities[0].name }}
//     ({{ evidence.share|pct }}) vinieron de proveedores químicos de {{ evidence.regions|and_list }}
//     ({{ evidence.suppliers|map(attribute='name')|and_list(3) }}), {{ evidence.precursorShipments|num }} de ellos del rango de precursores.
// ---
// the watched regions' chemical suppliers first, then only their consignees are counted
MATCH (p:Company)-[:SHIPPED]->(t:Shipment)
WHERE p.country IN $regions
  AND (any(h IN $chemicalChapters WHERE t.hsCode STARTS WITH h) OR EXISTS { (t)-[:DECLARED_AS]->(:Chemical) })
WITH DISTINCT p
MATCH (p)-[:SHIPPED]->(s:Shipment)-[:CONSIGNED_TO]->(c:Company)
WITH c, collect(DISTINCT s) AS ships, collect(DISTINCT {key: p.key, name: p.name, country: p.country}) AS suppliers
WITH c, ships, suppliers, COUNT { (c)<-[:CONSIGNED_TO]-(:Shipment) } AS total
WHERE total >= $minShipments
WITH c, total, ships, suppliers, toFloat(size(ships)) / total AS share,
     size([s IN ships WHERE any(h IN $hsPrefixes WHERE s.hsCode STARTS WITH h)
                         OR EXISTS { (s)-[:DECLARED_AS]->(k:Chemical) WHERE k.schedule IN $schedules }]) AS precursor
WHERE share >= $minShare AND precursor > 0
RETURN [{label: 'Company', key: c.key, name: c.name}] AS entities,
       toString(size(ships)) + ' of the ' + toString(total) + ' shipments ' + c.name + ' received ('
         + toString(round(100 * share, 1)) + '%) came from chemical suppliers in '
         + reduce(t = '', r IN reduce(u = [], x IN suppliers | CASE WHEN x.country IN u THEN u ELSE u + x.country END) | t + CASE WHEN t = '' THEN '' ELSE ', ' END + r)
         + ' (' + reduce(t = '', x IN suppliers[..3] | t + CASE WHEN t = '' THEN '' ELSE ', ' END + x.name) + '), '
         + toString(precursor) + ' of them precursor-range.' AS explanation,
       {shipments: total, watchedShipments: size(ships), share: round(share, 4), precursorShipments: precursor,
        regions: reduce(u = [], x IN suppliers | CASE WHEN x.country IN u THEN u ELSE u + x.country END),
        suppliers: suppliers[..10],
        examples: [s IN ships | {billOfLading: s.billOfLading, date: s.declarationDate, hsCode: s.hsCode}][..25]} AS evidence,
       round(CASE WHEN 0.3 + 0.5 * share > 1.0 THEN 1.0 ELSE 0.3 + 0.5 * share END, 3) AS score
ORDER BY score DESC, c.key
