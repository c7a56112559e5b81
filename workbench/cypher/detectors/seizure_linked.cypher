// ---
// id: seizure_linked
// kind: detector
// mode: read
// title: {en: Companies on seized shipments, es: Empresas en envíos asegurados}
// description:
//   en: >-
//     Companies that shipped, received or arranged shipments that were seized. Shippers and consignees weigh fully;
//     an intermediary that only arranged the shipment weighs brokerWeight, so a large forwarder with one seizure
//     among many shipments scores low.
//   es: >-
//     Empresas que embarcaron, recibieron o gestionaron envíos que fueron asegurados. Embarcadores y consignatarios
//     cuentan por completo; un intermediario que solo gestionó el envío cuenta brokerWeight, de modo que un gran
//     transitario con un aseguramiento entre muchos envíos puntúa bajo.
// category: seizure-linked
// severity: critical
// parameters:
//   - {name: brokerWeight, type: float, default: 0.25, example: 0.25, description: weight of a seizure where the company only arranged the shipment}
// row: {en: "one company with the seizures on its shipments and its role in them", es: "una empresa con los aseguramientos en sus envíos y su papel en ellos"}
// explanation:
//   en: >-
//     {% set roles = evidence.seizures|map(attribute='roles')|sum(start=[])|unique|list %}{{ entities[0].name }} was
//     {{ roles|and_list }} of {{ evidence.count|num }} seized shipment(s):
//     {% for y in evidence.seizures[:3] %}{{ y.seizure or '?' }} ({{ y.substance or 'unknown substance' }}, {{ y.date|date }}){{ ', ' if not loop.last }}{% endfor %}.
//   es: >-
//     {% set roles = evidence.seizures|map(attribute='roles')|sum(start=[])|unique|list %}{% set word = {'shipper': 'embarcador', 'consignee': 'consignatario', 'broker': 'intermediario'} %}{{ entities[0].name }} fue
//     {{ roles|map('replace', 'shipper', word.shipper)|map('replace', 'consignee', word.consignee)|map('replace', 'broker', word.broker)|and_list }}
//     de {{ evidence.count|num }} {{ 'envío asegurado' if evidence.count == 1 else 'envíos asegurados' }}:
//     {% for y in evidence.seizures[:3] %}{{ y.seizure or '?' }} ({{ y.substance or 'sustancia desconocida' }}, {{ y.date|date }}){{ ', ' if not loop.last }}{% endfor %}.
// ---
MATCH (z:Seizure)-[:SEIZED_FROM]->(s:Shipment)-[r:SHIPPED|CONSIGNED_TO|ARRANGED]-(c:Company)
WITH c, z, s, collect(DISTINCT CASE type(r) WHEN 'SHIPPED' THEN 'shipper' WHEN 'CONSIGNED_TO' THEN 'consignee' ELSE 'broker' END) AS roles
WITH c, collect({seizure: z.seizureId, date: z.date, agency: z.agency, substance: z.substance,
                 billOfLading: s.billOfLading, roles: roles}) AS seizures,
     sum(CASE WHEN 'shipper' IN roles OR 'consignee' IN roles THEN 1.0 ELSE $brokerWeight END) AS weight
WHERE weight > 0
RETURN [{label: 'Company', key: c.key, name: c.name}] AS entities,
       c.name + ' was ' + reduce(t = '', x IN reduce(u = [], y IN seizures | u + [r IN y.roles WHERE NOT r IN u]) | t + CASE WHEN t = '' THEN '' ELSE ' and ' END + x)
         + ' of ' + toString(size(seizures)) + ' seized shipment(s): '
         + reduce(t = '', y IN seizures[..3] | t + CASE WHEN t = '' THEN '' ELSE ', ' END + coalesce(y.seizure, '?') + ' (' + coalesce(y.substance, 'unknown substance') + ', ' + coalesce(y.date, '?') + ')')
         + '.' AS explanation,
       {seizures: seizures[..25], count: size(seizures)} AS evidence,
       round(CASE WHEN weight / 2.0 > 1.0 THEN 1.0 ELSE weight / 2.0 END, 3) AS score
ORDER BY score DESC, c.key
