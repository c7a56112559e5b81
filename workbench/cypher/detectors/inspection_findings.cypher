// ---
// id: inspection_findings
// kind: detector
// mode: read
// title: {en: Firms of consignments where an inspection found something, es: Empresas de envíos en los que una inspección encontró algo}
// description:
//   en: >-
//     Companies that shipped, received or arranged consignments whose physical inspection (recorded from the
//     inspection queue) ended in a discrepancy or a seizure. A seizure weighs fully, a discrepancy
//     discrepancyWeight; an intermediary that only arranged the consignment weighs brokerWeight of that. Inspections
//     that found nothing are not evidence against anyone. Who inspected is not evidence against a firm and is
//     left out, so a briefing or export shared with a partner agency never names the officer.
//   es: >-
//     Empresas que embarcaron, recibieron o gestionaron envíos cuya inspección física (registrada desde la cola de
//     inspección) terminó en una discrepancia o un aseguramiento. Un aseguramiento cuenta por completo, una
//     discrepancia discrepancyWeight; un intermediario que solo gestionó el envío cuenta brokerWeight de eso. Las
//     inspecciones sin hallazgos no son evidencia contra nadie. Quién inspeccionó no es evidencia contra una empresa
//     y se omite, para que un informe o una exportación compartidos con otra agencia nunca nombren al oficial.
// category: inspection-findings
// severity: high
// parameters:
//   - {name: discrepancyWeight, type: float, default: 0.6, example: 0.6, description: weight of a discrepancy relative to a seizure}
//   - {name: brokerWeight, type: float, default: 0.25, example: 0.25, description: weight of an inspection where the company only arranged the consignment}
// row: {en: "one company with the inspections that found something on its consignments", es: "una empresa con las inspecciones que hallaron algo en sus embarques"}
// explanation:
//   en: >-
//     {{ entities[0].name }} was party to {{ evidence.count|num }} inspected consignment(s) where officers found
//     something: {% for y in evidence.inspections[:3] %}{{ y.outcome|replace('_', ' ') }} on {{ y.billOfLading or '?' }} ({{ y.date|date }}{% if y.port %}, {{ y.port }}{% endif %}){{ ', ' if not loop.last }}{% endfor %}.
//   es: >-
//     {% set word = {'seizure': 'aseguramiento', 'discrepancy': 'discrepancia'} %}{{ entities[0].name }} fue parte de
//     {{ evidence.count|num }} {{ 'envío inspeccionado' if evidence.count == 1 else 'envíos inspeccionados' }} en
//     los que los oficiales encontraron algo: {% for y in evidence.inspections[:3] %}{{ word.get(y.outcome, y.outcome) }} en {{ y.billOfLading or '?' }} ({{ y.date|date }}{% if y.port %}, {{ y.port }}{% endif %}){{ ', ' if not loop.last }}{% endfor %}.
// ---
MATCH (i:Inspection)-[:INSPECTED]->(s:Shipment)-[r:SHIPPED|CONSIGNED_TO|ARRANGED]-(c:Company)
WHERE i.outcome IN ['discrepancy', 'seizure']
WITH c, i, s, collect(DISTINCT CASE type(r) WHEN 'SHIPPED' THEN 'shipper' WHEN 'CONSIGNED_TO' THEN 'consignee' ELSE 'broker' END) AS roles
WITH c, i, s, roles,
     CASE WHEN i.outcome = 'seizure' THEN 1.0 ELSE $discrepancyWeight END
       * CASE WHEN 'shipper' IN roles OR 'consignee' IN roles THEN 1.0 ELSE $brokerWeight END AS weight
ORDER BY i.date DESC, i.key
WITH c, collect({outcome: i.outcome, date: i.date, port: i.port, billOfLading: s.billOfLading,
                 shipment: s.key, roles: roles}) AS inspections, sum(weight) AS weight
WHERE weight > 0
RETURN [{label: 'Company', key: c.key, name: c.name}] AS entities,
       c.name + ' was party to ' + toString(size(inspections)) + ' inspected consignment(s) where officers found something: '
         + reduce(t = '', y IN inspections[..3] | t + CASE WHEN t = '' THEN '' ELSE ', ' END
                  + replace(y.outcome, '_', ' ') + ' on ' + coalesce(y.billOfLading, '?') + ' (' + coalesce(y.date, '?') + ')')
         + '.' AS explanation,
       {inspections: inspections[..25], count: size(inspections)} AS evidence,
       round(CASE WHEN weight > 1.0 THEN 1.0 ELSE weight END, 3) AS score
ORDER BY score DESC, c.key
