// ---
// id: targets_arrivals
// kind: internal
// mode: read
// title: {en: Consignments arriving at a port or airport, es: Envíos que llegan a un puerto o aeropuerto}
// description: >-
//   The consignments discharged at one port or airport with a declaration date in a window, every transport mode
//   alike (sea, air, courier, post), with what the inspection queue scores them on (workbench/analysis/targets.py):
//   their parties (shippers, consignees, brokers: never the port or country they share with others), declared
//   chemicals with the controls in force on the declaration date, the route, the pre-export notifications naming
//   the consignee as importer of that chemical within windowDays, earlier inspections of the consignment, and
//   inspections finding nothing on an identical consignment (same shipper, consignee and HS code or description)
//   in the lookbackDays before it.
// parameters:
//   - {name: code, type: string, default: null, example: "MXZLO", description: Port.code of the port or airport of discharge}
//   - {name: dateFrom, type: date, default: null, example: "2024-07-01", description: first declaration date}
//   - {name: dateTo, type: date, default: null, example: "2024-07-31", description: last declaration date}
//   - {name: windowDays, type: integer, default: 60, example: 60, description: how far a notification's dispatch date may be from the declaration date}
//   - {name: lookbackDays, type: integer, default: 180, example: 180, description: how recent an inspection of an identical consignment must be}
//   - {name: jurisdictions, type: list<string>, default: ["UN", "MX"], example: ["UN", "MX"], description: whose controls count}
//   - {name: controls, type: list<map>, default: null, example: [{key: "chemical:npp", cas: "39742-60-4", jurisdiction: UN, schedule: table_i, since: "2017-10-18", until: null}], description: "the dated controls, filled in by the workbench from the chemicals catalogue (workbench.chemicals.control_rows)"}
//   - {name: limit, type: integer, default: 5000, example: 5000, description: consignments at most}
// row: one arriving consignment with the facts it is scored on
// ---
MATCH (p:Port {code: $code})<-[:DISCHARGED_AT]-(s:Shipment)
WHERE s.declarationDate >= $dateFrom AND s.declarationDate <= $dateTo
WITH s
ORDER BY s.declarationDate, s.key
LIMIT $limit
WITH s,
     [(c:Company)-[:SHIPPED]->(s) | {key: c.key, name: c.name, country: c.country}] AS shippers,
     [(s)-[:CONSIGNED_TO]->(c:Company) | {key: c.key, name: c.name, country: c.country}] AS consignees,
     [(c:Company)-[:ARRANGED]->(s) | {key: c.key, name: c.name, country: c.country}] AS brokers,
     [(s)-[:LADEN_AT]->(l:Port) | {code: l.code, name: l.name, country: l.country}] AS lading,
     [(s)-[t:TRANSITED]->(x:Port) | {code: x.code, name: x.name, country: x.country, order: t.order}] AS transit,
     [(i:Inspection)-[:INSPECTED]->(s) | {key: i.key, outcome: i.outcome, date: i.date, officer: i.officer,
                                          notes: i.notes}] AS inspections
WITH s, shippers, consignees, brokers, lading, transit, inspections,
     [(s)-[:DECLARED_AS]->(x:Chemical) | {key: x.key, name: x.name, casNumber: x.casNumber, hsCode: x.hsCode,
        schedule: x.schedule,
        controls: [k IN coalesce($controls, []) WHERE (k.key = x.key OR (k.cas IS NOT NULL AND k.cas = x.casNumber))
                     AND k.jurisdiction IN $jurisdictions AND k.since <= s.declarationDate
                     AND (k.until IS NULL OR s.declarationDate < k.until)
                   | {jurisdiction: k.jurisdiction, schedule: k.schedule, since: k.since}],
        notifications: [(n:Notification)-[:IMPORTER]->(c:Company)<-[:CONSIGNED_TO]-(s)
                          WHERE EXISTS { (n)-[:COVERS]->(x) } AND n.dispatchDate IS NOT NULL
                            AND n.dispatchDate >= toString(date(s.declarationDate) - duration({days: $windowDays}))
                            AND n.dispatchDate <= toString(date(s.declarationDate) + duration({days: $windowDays}))
                        | {penId: n.penId, status: n.status, dispatchDate: n.dispatchDate}]}] AS chemicals
WITH s, shippers, consignees, brokers, lading, transit, inspections, chemicals,
     [(i:Inspection)-[:INSPECTED]->(o:Shipment)
        WHERE o <> s AND i.outcome = 'nothing_found' AND i.date <= s.declarationDate
          AND i.date >= toString(date(s.declarationDate) - duration({days: $lookbackDays}))
          AND coalesce(o.hsCode, o.goodsDescription, '') = coalesce(s.hsCode, s.goodsDescription, '')
          AND EXISTS { (o)<-[:SHIPPED]-(:Company)-[:SHIPPED]->(s) }
          AND EXISTS { (o)-[:CONSIGNED_TO]->(:Company)<-[:CONSIGNED_TO]-(s) }
      | {billOfLading: o.billOfLading, date: i.date, shipment: o.key}] AS clearedAlike
RETURN s.key AS key, s.billOfLading AS billOfLading, s.declarationDate AS declarationDate,
       coalesce(s.transportMode, 'sea') AS mode, s.hsCode AS hsCode, s.goodsDescription AS goodsDescription,
       s.casNumber AS casNumber, s.weightKg AS weightKg, coalesce(s.vagueDescription, false) AS vagueDescription,
       s.finalDestinationCountry AS finalDestinationCountry,
       shippers, consignees, brokers, lading, transit, chemicals, inspections, clearedAlike
ORDER BY declarationDate, key
