// ---
// id: unnotified_controlled_import
// kind: detector
// mode: read
// title: {en: Controlled chemical imported without a pre-export notification, es: Sustancia controlada importada sin notificación previa a la exportación}
// description: >-
//   Shipments declared as a scheduled chemical (in force at the declaration date) for which no pre-export
//   notification in validStatuses names the consignee as importer for that chemical with a dispatch date within
//   windowDays of the declaration (objected, pending or withdrawn ones do not count; an objection is named).
// category: unnotified-controlled-chemical
// severity: high
// parameters:
//   - {name: windowDays, type: integer, default: 60, example: 60, description: how far a notification's dispatch date may be from the declaration date}
//   - {name: schedules, type: list<string>, default: ["table_i"], example: ["table_i", "table_ii"], description: catalogue schedules that need a pre-export notification}
//   - {name: validStatuses, type: list<string>, default: ["approved"], example: ["approved"], description: notification statuses that authorise an import (a notification without a status counts as valid)}
// row: one consignee and the controlled shipments it received without a valid notification
// ---
MATCH (s:Shipment)-[:DECLARED_AS]->(x:Chemical)
WHERE x.schedule IN $schedules AND s.declarationDate IS NOT NULL
  AND (x.scheduledYear IS NULL OR toInteger(substring(s.declarationDate, 0, 4)) >= x.scheduledYear)
MATCH (s)-[:CONSIGNED_TO]->(c:Company)
WITH s, x, c,
     toString(date(s.declarationDate) - duration({days: $windowDays})) AS fromDate,
     toString(date(s.declarationDate) + duration({days: $windowDays})) AS toDate
WITH s, x, c,
     [(n:Notification)-[:IMPORTER]->(c) WHERE EXISTS { (n)-[:COVERS]->(x) }
        AND n.dispatchDate >= fromDate AND n.dispatchDate <= toDate | n] AS notes
WITH s, x, c, [n IN notes WHERE n.status IS NULL OR toLower(n.status) IN $validStatuses] AS valid,
     [n IN notes WHERE toLower(n.status) = 'objected'] AS objected
WHERE size(valid) = 0
WITH c, collect({billOfLading: s.billOfLading, date: s.declarationDate, chemical: x.name, schedule: x.schedule,
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
