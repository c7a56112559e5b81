// ---
// id: unnotified_controlled_import
// kind: detector
// mode: read
// title: {en: Controlled chemical imported without a pre-export notification, es: Sustancia controlada importada sin notificación previa a la exportación}
// description: >-
//   Shipments declared as a chemical under a control in force on the declaration date (a control of one of
//   jurisdictions, on one of schedules, from its entry-into-force date; controls come from the chemicals catalogue)
//   for which no pre-export notification in validStatuses names the consignee as importer for that chemical with a
//   dispatch date within windowDays of the declaration (objected, pending or withdrawn ones do not count; an
//   objection is named).
// category: unnotified-controlled-chemical
// severity: high
// parameters:
//   - {name: windowDays, type: integer, default: 60, example: 60, description: how far a notification's dispatch date may be from the declaration date}
//   - {name: schedules, type: list<string>, default: ["table_i"], example: ["table_i", "table_ii"], description: control lists that need a pre-export notification}
//   - {name: jurisdictions, type: list<string>, default: ["UN"], example: ["UN", "MX"], description: "whose controls count: UN (1988 Convention, international entry into force), MX, US, CN"}
//   - {name: validStatuses, type: list<string>, default: ["approved"], example: ["approved"], description: notification statuses that authorise an import (a notification without a status counts as valid)}
//   - {name: controls, type: list<map>, default: null, example: [{key: "chemical:npp", cas: "39742-60-4", jurisdiction: UN, schedule: table_i, since: "2017-10-18", until: null}], description: "the dated controls, filled in by the workbench from the chemicals catalogue (workbench.chemicals.control_rows)"}
// row: one consignee and the controlled shipments it received without a valid notification
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
