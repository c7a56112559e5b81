// ---
// id: company_shopping
// kind: detector
// mode: read
// title: {en: Company shopping after an objection or a seizure, es: Cambio de proveedor tras una objeción o un aseguramiento}
// description:
//   en: >-
//     After a pre-export notification naming a consignee was objected to, or a shipment to it was seized, the same
//     consignee receives the same chemical (or goods vaguely described under its HS code) from a supplier that was
//     not the exporter of the stopped consignment and holds no approved notification for it.
//   es: >-
//     Después de que se objetara una notificación previa a la exportación que nombraba a un consignatario, o de que se
//     asegurara un envío dirigido a él, el mismo consignatario recibe la misma sustancia (o mercancía descrita de forma
//     genérica bajo su fracción arancelaria) de un proveedor que no era el exportador del envío detenido y que no tiene una
//     notificación aprobada para ella.
// category: company-shopping
// severity: high
// parameters:
//   - {name: objectedStatuses, type: list<string>, default: ["objected"], example: ["objected"], description: notification statuses that mean the importing country objected}
//   - {name: withinDays, type: integer, default: 365, example: 365, description: how long after the stop a new shipment counts}
// row: {en: "one consignee, the stop, and the later shipment from a new supplier", es: "un consignatario, la interrupción y el envío posterior de un proveedor nuevo"}
// explanation:
//   en: >-
//     {{ entities[0].name }} received {{ evidence.chemical }} from a new supplier, {{ entities[1].name }}, on
//     {{ evidence.shipments[0].date|date }} after the {{ 'seizure' if evidence.stop.kind == 'seizure' else 'objected notification' }}
//     {{ evidence.stop.id or evidence.stop.key }} of {{ evidence.stop.date|date }}{% if entities|length > 2 %} had stopped
//     the supply from {{ entities[2].name }}{% endif %}.
//   es: >-
//     {{ entities[0].name }} recibió {{ evidence.chemical }} de un proveedor nuevo, {{ entities[1].name }}, el
//     {{ evidence.shipments[0].date|date }}, después de que {{ 'el aseguramiento' if evidence.stop.kind == 'seizure' else 'la notificación objetada' }}
//     {{ evidence.stop.id or evidence.stop.key }} del {{ evidence.stop.date|date }} {% if entities|length > 2 %}detuviera el
//     suministro de {{ entities[2].name }}{% else %}detuviera el suministro{% endif %}.
// ---
CALL () {
  MATCH (n:Notification)-[:IMPORTER]->(c:Company)
  WHERE toLower(n.status) IN $objectedStatuses AND n.dispatchDate IS NOT NULL
  MATCH (n)-[:COVERS]->(x:Chemical)
  RETURN c, x, n.dispatchDate AS stopDate, [(n)-[:EXPORTER]->(o:Company) | o] AS previous,
         {kind: 'objected notification', key: n.key, id: n.penId, date: n.dispatchDate} AS stop
  UNION
  MATCH (z:Seizure)-[:SEIZED_FROM]->(s:Shipment)-[:CONSIGNED_TO]->(c:Company)
  WHERE z.date IS NOT NULL
  MATCH (z)-[:FOUND]->(x:Chemical)
  RETURN c, x, z.date AS stopDate, [(s)<-[:SHIPPED]-(o:Company) | o] AS previous,
         {kind: 'seizure', key: z.key, id: z.seizureId, date: z.date} AS stop
}
WITH c, x, stopDate, previous, stop, toString(date(stopDate) + duration({days: $withinDays})) AS untilDate
MATCH (c)<-[:CONSIGNED_TO]-(s2:Shipment)<-[:SHIPPED]-(new:Company)
WHERE s2.declarationDate > stopDate AND s2.declarationDate <= untilDate AND NOT new IN previous
  AND (EXISTS { (s2)-[:DECLARED_AS]->(x) }
       OR (s2.vagueDescription = true AND x.hsCode IS NOT NULL AND s2.hsCode = x.hsCode
           AND NOT EXISTS { (s2)-[:DECLARED_AS]->(:Chemical) }))
  AND NOT EXISTS { (c)<-[:IMPORTER]-(ok:Notification) WHERE ok.status = 'approved'
                   AND EXISTS { (ok)-[:EXPORTER]->(new) } AND EXISTS { (ok)-[:COVERS]->(x) } }
WITH c, x, stop, previous, new, s2
ORDER BY s2.declarationDate
WITH c, x, stop, previous, new,
     collect({billOfLading: s2.billOfLading, date: s2.declarationDate, hsCode: s2.hsCode,
              description: s2.goodsDescription}) AS later
RETURN [{label: 'Company', key: c.key, name: c.name}, {label: 'Company', key: new.key, name: new.name}]
         + [o IN previous | {label: 'Company', key: o.key, name: o.name}] AS entities,
       c.name + ' received ' + x.name + ' from a new supplier, ' + new.name + ', on ' + later[0].date + ' after the '
         + stop.kind + ' ' + coalesce(stop.id, stop.key) + ' of ' + stop.date
         + CASE WHEN size(previous) > 0 THEN ' had stopped the supply from ' + previous[0].name ELSE '' END + '.' AS explanation,
       {stop: stop, chemical: x.name, previousSuppliers: [o IN previous | o.key], newSupplier: new.key,
        shipments: later[..25]} AS evidence,
       CASE WHEN stop.kind = 'seizure' THEN 1.0 ELSE 0.9 END AS score
ORDER BY score DESC, c.key, new.key
