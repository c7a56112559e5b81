// ---
// id: inspection_record
// kind: internal
// mode: write
// title: {en: Record the outcome of an inspection}
// description: >-
//   Stores an officer's inspection of one consignment (an Inspection node INSPECTED the Shipment) with who recorded
//   it and when. Returns nothing when the consignment does not exist, so nothing is written for a wrong key.
// parameters:
//   - {name: key, type: string, default: null, example: "inspection:00000000-0000-0000-0000-000000000000", description: inspection key}
//   - {name: shipment, type: string, default: null, example: "shipment:MSCU1001", description: key of the inspected consignment}
//   - {name: outcome, type: string, default: null, example: "nothing_found", description: "nothing_found, discrepancy or seizure"}
//   - {name: date, type: date, default: null, example: "2024-07-10", description: day of the inspection}
//   - {name: officer, type: string, default: null, example: "officer.ramirez", description: who inspected (the recording user)}
//   - {name: port, type: string, default: null, example: "MXZLO", description: "code of the port or airport (null: the consignment's port of discharge)"}
//   - {name: notes, type: string, default: "", example: "seals intact", description: the officer's notes}
//   - {name: now, type: string, default: null, example: "2024-07-10T12:00:00+00:00", description: when it was recorded}
// ---
MATCH (s:Shipment {key: $shipment})
OPTIONAL MATCH (s)-[:DISCHARGED_AT]->(p:Port)
WITH s, head(collect(p.code)) AS discharged
CREATE (i:Inspection {key: $key, outcome: $outcome, date: $date, officer: $officer, port: coalesce($port, discharged),
                      notes: $notes, recordedAt: $now})
CREATE (i)-[:INSPECTED]->(s)
RETURN i.key AS key, s.key AS shipment
