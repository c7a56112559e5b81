// ---
// id: unnotified_controlled_import
// kind: detector
// mode: read
// title: {en: Controlled chemical imported without a pre-export notification, es: Sustancia controlada importada sin notificación previa a la exportación}
// description:
//   en: >-
//     Shipments declared as a chemical under a control in force on the declaration date (a control of one of
//     jurisdictions, on one of schedules, from its entry-into-force date; controls come from the chemicals catalogue)
//     for which no pre-export notification in validStatuses names the consignee as importer for that chemical with a
//     dispatch date within windowDays of the declaration (objected, pending or withdrawn ones do not count; an
//     objection is named).
//   es: >-
//     Envíos declarados como una sustancia bajo un control vigente en la fecha de la declaración (un control de una de
//     las jurisdicciones, en una de las listas, desde su entrada en vigor; los controles vienen del catálogo de
//     sustancias) para los que ninguna notificación previa a la exportación con estado en validStatuses nombra al
//     consignatario como importador de esa sustancia con fecha de despacho a menos de windowDays de la declaración
//     (las objetadas, pendientes o retiradas no cuentan; se menciona la objeción).
// category: unnotified-controlled-chemical
// severity: high
// parameters:
//   - {name: windowDays, type: integer, default: 60, example: 60, description: how far a notification's dispatch date may be from the declaration date}
//   - {name: schedules, type: list<string>, default: ["table_i"], example: ["table_i", "table_ii"], description: control lists that need a pre-export notification}
//   - {name: jurisdictions, type: list<string>, default: ["UN"], example: ["UN", "MX"], description: "whose controls count: UN (1988 Convention, international entry into force), MX, US, CN"}
//   - {name: validStatuses, type: list<string>, default: ["approved"], example: ["approved"], description: notification statuses that authorise an import (a notification without a status counts as valid)}
//   - {name: controls, type: list<map>, default: null, example: [{key: "chemical:npp", cas: "39742-60-4", jurisdiction: UN, schedule: table_i, since: "2017-10-18", until: null}], description: "the dated controls, filled in by the workbench from the chemicals catalogue (workbench.chemicals.control_rows)"}
// row: {en: "one consignee and the controlled shipments it received without a valid notification", es: "un consignatario y los envíos controlados que recibió sin una notificación válida"}
// explanation:
//   en: >-
//     {{ entities[0].name }} received {{ evidence.count|num }} shipment(s) of scheduled chemicals
//     ({{ evidence.shipments|map(attribute='chemical')|and_list(4) }}) with no valid pre-export notification{% if evidence.objectedNotifications > 0 %},
//     including after an objection by the importing country{% endif %}.
//   es: >-
//     {{ entities[0].name }} recibió {{ evidence.count|num }} {{ 'envío' if evidence.count == 1 else 'envíos' }} de sustancias sujetas a control
//     ({{ evidence.shipments|map(attribute='chemical')|and_list(4) }}) sin una notificación previa a la exportación válida{% if evidence.objectedNotifications > 0 %},
//     incluso después de una objeción del país importador{% endif %}.
// ---
MATCH (s:Shipment)-[:DECLARED_AS]->(x:Chemical)
WHERE s.declarationDate IS NOT NULL
WITH s, x, [k IN $controls WHERE (k.key = x.key OR (k.cas IS NOT NULL AND k.cas = x.casNumber))
              AND k.jurisdiction IN $jurisdictions AND k.schedule IN $schedules
              AND k.since <= s.declarationDate AND (k.until IS NULL OR s.declarationDate < k.until)] AS applying
WHERE size(applying) > 0
MATCH (s)-[:CONSIGNED_TO]->(c:Company)
WITH s, x, c, applying[0] AS control,
     toString(date(s.declarationDate) - duration({days: $windowDays})) AS fromDate,
     toString(date(s.declarationDate) + duration({days: $windowDays})) AS toDate
WITH s, x, c, control,
     [(n:Notification)-[:IMPORTER]->(c) WHERE EXISTS { (n)-[:COVERS]->(x) }
        AND n.dispatchDate >= fromDate AND n.dispatchDate <= toDate | n] AS notes
WITH s, x, c, control, [n IN notes WHERE n.status IS NULL OR toLower(n.status) IN $validStatuses] AS valid,
     [n IN notes WHERE toLower(n.status) = 'objected'] AS objected
WHERE size(valid) = 0
WITH c, collect({billOfLading: s.billOfLading, date: s.declarationDate, chemical: x.name, schedule: control.schedule,
                 jurisdiction: control.jurisdiction, controlledSince: control.since,
                 weightKg: s.weightKg, objectedNotifications: [n IN objected | n.penId]}) AS ships,
     sum(size(objected)) AS objections
RETURN [{label: 'Company', key: c.key, name: c.name}] AS entities,
       c.name + ' received ' + toString(size(ships)) + ' shipment(s) of scheduled chemicals ('
         + reduce(t = '', n IN reduce(u = [], y IN ships | CASE WHEN y.chemical IN u THEN u ELSE u + y.chemical END) | t + CASE WHEN t = '' THEN '' ELSE ', ' END + n)
         + ') with no valid pre-export notification'
         + CASE WHEN objections > 0 THEN ', including after an objection by the importing country.' ELSE '.' END AS explanation,
       {shipments: ships[..25], count: size(ships), objectedNotifications: objections} AS evidence,
       round(CASE WHEN objections > 0 OR size(ships) >= 3 THEN 1.0 ELSE 0.6 + 0.2 * (size(ships) - 1) END, 3) AS score
ORDER BY score DESC, c.key
