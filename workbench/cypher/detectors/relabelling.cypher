// ---
// id: relabelling
// kind: detector
// mode: read
// title: {en: Precursor relabelled through a trading company, es: Precursor reetiquetado a través de una comercializadora}
// description:
//   en: >-
//     A trading company received from a chemical maker goods the maker declared as a catalogue chemical of one of
//     schedules, and within windowDays exported goods naming that maker as manufacturer (the shipment's
//     manufacturer name, compared by its name key as resolution compares names, is one of the maker's and none of the trader's) under another description: the
//     re-export is no longer declared as that chemical. A manufacturer exporting its own goods, or a trader passing
//     the goods on under the maker's declaration, is not reported.
//   es: >-
//     Una comercializadora recibió de un fabricante químico mercancía que el fabricante declaró como una sustancia del
//     catálogo de alguna de las listas schedules y, en los windowDays siguientes, exportó mercancía que nombra a ese
//     fabricante como productor (el nombre del fabricante del envío, comparado por su clave de nombre como en la resolución, es uno de los nombres del fabricante y ninguno de la
//     comercializadora) con otra descripción: la reexportación ya no se declara como esa sustancia. No se informa el
//     fabricante que exporta su propia mercancía ni la comercializadora que la reenvía con la declaración del
//     fabricante.
// category: relabelling
// severity: high
// sources:
//   - "FinCEN FIN-2024-A002 (20 June 2024): chemical brokers and trading companies acting for PRC suppliers, and mislabelled or misdeclared shipments of precursor chemicals (https://www.fincen.gov/)"
//   - "INCB, Precursors report (annual): diversion through brokers and trading companies and false declarations of the goods"
// parameters:
//   - {name: schedules, type: list<string>, default: ["table_i", "table_ii", "surveillance"], example: ["table_i"], description: catalogue schedules whose chemicals count}
//   - {name: windowDays, type: integer, default: 180, example: 180, description: longest time between the maker's shipment to the trader and the trader's export}
// row: {en: "one trading company, its consignee and the maker whose declared chemical it re-exported under another description", es: "una comercializadora, su consignatario y el fabricante cuya sustancia declarada reexportó con otra descripción"}
// explanation:
//   en: >-
//     {{ entities[0].name }} received {{ evidence.chemical }} declared by its maker {{ entities[2].name }}
//     ({{ evidence.inbound[0].billOfLading }}, {{ evidence.inbound[0].date|date }}) and sent goods naming that maker to
//     {{ entities[1].name }} as "{{ evidence.outbound[0].description or 'no description' }}" (HS {{ evidence.outbound[0].hsCode or 'none' }},
//     {{ evidence.outbound[0].billOfLading }}, {{ evidence.outbound[0].date|date }}){% if evidence.vague %}, a vague cover description{% endif %}.
//   es: >-
//     {{ entities[0].name }} recibió {{ evidence.chemical }} declarado por su fabricante {{ entities[2].name }}
//     ({{ evidence.inbound[0].billOfLading }}, {{ evidence.inbound[0].date|date }}) y envió mercancía que nombra a ese
//     fabricante a {{ entities[1].name }} como "{{ evidence.outbound[0].description or 'sin descripción' }}" (fracción
//     {{ evidence.outbound[0].hsCode or 'ninguna' }}, {{ evidence.outbound[0].billOfLading }}, {{ evidence.outbound[0].date|date }}){% if evidence.vague %},
//     una descripción genérica de cobertura{% endif %}.
// ---
MATCH (t:Company)-[:SHIPPED]->(s2:Shipment)-[:CONSIGNED_TO]->(c:Company)
WHERE s2.manufacturerKey IS NOT NULL AND s2.declarationDate IS NOT NULL
  AND NOT s2.manufacturerKey IN coalesce(t.nameKeys, [])
MATCH (m:Company)-[:SHIPPED]->(s1:Shipment)-[:CONSIGNED_TO]->(t)
WHERE m <> t AND s1.declarationDate IS NOT NULL
  AND s2.manufacturerKey IN coalesce(m.nameKeys, [])
  AND s1.declarationDate <= s2.declarationDate
  AND s2.declarationDate <= toString(date(s1.declarationDate) + duration({days: $windowDays}))
MATCH (s1)-[:DECLARED_AS]->(x:Chemical)
WHERE x.schedule IN $schedules AND NOT EXISTS { (s2)-[:DECLARED_AS]->(x) }
  AND toUpper(trim(coalesce(s2.goodsDescription, ''))) <> toUpper(trim(coalesce(s1.goodsDescription, '')))
WITH t, c, m, x, s1, s2
ORDER BY s2.declarationDate, s1.declarationDate
WITH t, c, m, x,
     collect(DISTINCT {billOfLading: s1.billOfLading, date: s1.declarationDate, hsCode: s1.hsCode, description: s1.goodsDescription}) AS inbound,
     collect(DISTINCT {billOfLading: s2.billOfLading, date: s2.declarationDate, hsCode: s2.hsCode, description: s2.goodsDescription,
                       transportMode: coalesce(s2.transportMode, 'sea'), vague: coalesce(s2.vagueDescription, false)}) AS outbound
WITH t, c, m, x, inbound, outbound, any(o IN outbound WHERE o.vague) AS vague
RETURN [{label: 'Company', key: t.key, name: t.name}, {label: 'Company', key: c.key, name: c.name},
        {label: 'Company', key: m.key, name: m.name}] AS entities,
       t.name + ' received ' + x.name + ' declared by its maker ' + m.name + ' (' + coalesce(inbound[0].billOfLading, '?') + ', '
         + inbound[0].date + ') and sent goods naming that maker to ' + c.name + ' as "'
         + coalesce(outbound[0].description, 'no description') + '" (HS ' + coalesce(outbound[0].hsCode, 'none') + ', '
         + coalesce(outbound[0].billOfLading, '?') + ', ' + outbound[0].date + ')'
         + CASE WHEN vague THEN ', a vague cover description.' ELSE '.' END AS explanation,
       {chemical: x.name, chemicalKey: x.key, manufacturer: m.key, trader: t.key, consignee: c.key, vague: vague,
        inbound: inbound[..25], outbound: outbound[..25]} AS evidence,
       CASE WHEN vague THEN 1.0 ELSE 0.8 END AS score
ORDER BY score DESC, t.key, c.key
