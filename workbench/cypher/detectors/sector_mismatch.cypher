// ---
// id: sector_mismatch
// kind: detector
// mode: read
// title: {en: Firm of an unrelated trade importing precursor-range chemicals, es: Empresa de un giro ajeno que importa sustancias del rango de precursores}
// description:
//   en: >-
//     Consignees whose declared activity is a trade with no plausible use for precursor-range chemicals (textiles,
//     food, electronics...) that received at least minShipments precursor-range shipments (declared as a catalogue
//     chemical of one of schedules, or an HS code in hsPrefixes). The activity is the SCIAN/NAICS code the firm
//     declared (the longest matching prefix of the sector table, workbench/data/activity_sectors.yaml, decides), or
//     the words of its declared activity when it gave no code. A firm whose code or words fit a chemical,
//     pharmaceutical, research or distribution trade, or match no entry, is not reported.
//   es: >-
//     Consignatarios cuyo giro declarado no tiene un uso verosímil para sustancias del rango de precursores (textil,
//     alimentos, electrónica...) que recibieron al menos minShipments envíos del rango de precursores (declarados
//     como una sustancia del catálogo de alguna de las listas schedules, o con una fracción en hsPrefixes). El giro es
//     el código SCIAN/NAICS declarado (decide el prefijo más largo de la tabla de sectores,
//     workbench/data/activity_sectors.yaml), o las palabras de la actividad declarada si no dio código. No se informa
//     la empresa cuyo código o actividad corresponde a la industria química o farmacéutica, la investigación o la
//     distribución, ni la que no coincide con ninguna entrada.
// category: sector-mismatch
// severity: medium
// sources:
//   - "FinCEN FIN-2024-A002 (20 June 2024), supplemental advisory on the procurement of precursor chemicals: customers whose business does not fit purchases from PRC chemical or pharmaceutical suppliers (https://www.fincen.gov/)"
//   - "DEA Diversion Control, Knowing your customer / suspicious orders: a customer whose business does not use the chemical ordered (https://www.deadiversion.usdoj.gov/chem_prog/susp.htm)"
//   - "NAICS 2022 (U.S. Census Bureau) and SCIAN México 2023 (INEGI) for the sector codes"
// parameters:
//   - {name: hsPrefixes, type: list<string>, default: ["2933.3", "2914.31", "2939.4"], example: ["2933.3", "2914.31"], description: HS codes (prefixes) treated as precursor range}
//   - {name: schedules, type: list<string>, default: ["table_i", "surveillance"], example: ["table_i"], description: catalogue schedules whose chemicals count as precursor range}
//   - {name: minShipments, type: integer, default: 1, example: 1, description: fewest precursor-range shipments received}
//   - {name: sectors, type: list<map>, default: null, example: [{prefix: "313", chemicals: false, sector: Textile mills, sectorEs: Fabricación de insumos textiles, words: [textil]}, {prefix: "325", chemicals: true, sector: Chemical manufacturing, sectorEs: Industria química, words: [chemical]}], description: "the sector table, filled in by the workbench from workbench/data/activity_sectors.yaml"}
// row: {en: "one consignee of an unrelated trade with its precursor-range shipments", es: "un consignatario de un giro ajeno con sus envíos en el rango de precursores"}
// explanation:
//   en: >-
//     {{ entities[0].name }} declares its activity as {% if evidence.activityCode %}{{ evidence.sector }} (code
//     {{ evidence.activityCode }}){% else %}"{{ evidence.activity }}" ({{ evidence.sector|lower }}){% endif %}, a trade with no plausible use for precursor-range chemicals, yet received
//     {{ evidence.count|num }} precursor-range shipment(s){% if evidence.suppliers %} from {{ evidence.suppliers|and_list(3) }}{% endif %}.
//   es: >-
//     {{ entities[0].name }} declara como giro {% if evidence.activityCode %}{{ evidence.sectorEs }} (código
//     {{ evidence.activityCode }}){% else %}"{{ evidence.activity }}" ({{ evidence.sectorEs|lower }}){% endif %}, sin uso verosímil para sustancias del rango de precursores, y aun así recibió
//     {{ evidence.count|num }} {{ 'envío' if evidence.count == 1 else 'envíos' }} del rango de precursores{% if evidence.suppliers %} de
//     {{ evidence.suppliers|and_list(3) }}{% endif %}.
// ---
// The firm's declared trade first: only firms whose trade has no use for these chemicals have their received
// shipments read (at a million rows the shipments are nearly all the work).
MATCH (c:Company)
WHERE c.activityCode IS NOT NULL OR c.activity IS NOT NULL
WITH c, trim(coalesce(c.activityCode, '')) AS code, toLower(coalesce(c.activity, '')) AS activity
WITH c, code, activity,
     [x IN $sectors WHERE code <> '' AND code STARTS WITH x.prefix] AS byCode,
     [x IN $sectors WHERE code = '' AND activity <> '' AND any(w IN coalesce(x.words, []) WHERE activity CONTAINS w)] AS byWords
WITH c, code,
     [x IN byCode WHERE size(x.prefix) = reduce(m = 0, y IN byCode | CASE WHEN size(y.prefix) > m THEN size(y.prefix) ELSE m END)] AS longest,
     byWords
// a code decides by its longest prefix; words decide only when none of them points to a chemical-using trade
WITH c, code,
     CASE WHEN size(longest) > 0 THEN longest[0]
          WHEN size(byWords) > 0 AND none(x IN byWords WHERE x.chemicals) THEN byWords[0] END AS sector
WHERE sector IS NOT NULL AND sector.chemicals = false
MATCH (s:Shipment)-[:CONSIGNED_TO]->(c)
WHERE any(p IN $hsPrefixes WHERE s.hsCode STARTS WITH p) OR EXISTS { (s)-[:DECLARED_AS]->(k:Chemical) WHERE k.schedule IN $schedules }
OPTIONAL MATCH (p:Company)-[:SHIPPED]->(s)
WITH c, code, sector, collect(DISTINCT s) AS ships, collect(DISTINCT p.name) AS suppliers
WHERE size(ships) >= $minShipments
RETURN [{label: 'Company', key: c.key, name: c.name}] AS entities,
       c.name + ' declares its activity as '
         + CASE WHEN code <> '' THEN sector.sector + ' (code ' + code + ')' ELSE '"' + c.activity + '" (' + toLower(sector.sector) + ')' END
         + ', a trade with no plausible use for precursor-range chemicals, yet received ' + toString(size(ships))
         + ' precursor-range shipment(s)'
         + CASE WHEN size(suppliers) > 0 THEN ' from ' + reduce(t = '', n IN suppliers[..3] | t + CASE WHEN t = '' THEN '' ELSE ', ' END + n) ELSE '' END
         + '.' AS explanation,
       {sector: sector.sector, sectorEs: sector.sectorEs, sectorPrefix: sector.prefix,
        activityCode: CASE WHEN code <> '' THEN code END, activity: c.activity, matchedBy: CASE WHEN code <> '' THEN 'code' ELSE 'words' END,
        suppliers: suppliers[..10], count: size(ships),
        shipments: [s IN ships | {billOfLading: s.billOfLading, date: s.declarationDate, hsCode: s.hsCode,
                                  description: s.goodsDescription, transportMode: coalesce(s.transportMode, 'sea')}][..25]} AS evidence,
       round(CASE WHEN 0.5 + 0.1 * size(ships) > 1.0 THEN 1.0 ELSE 0.5 + 0.1 * size(ships) END, 3) AS score
ORDER BY score DESC, c.key
