// Synthetic network for benchmarks/bench_briefing.py: $n rings, each a supplier shipping to two importers
// through a forwarder, with officers, a shared address and phone, and a seizure on every other shipment.
UNWIND range(1, $n) AS i
CREATE (sup:Company {key: 'company:sup-' + i, name: 'Supplier ' + i + ' Chemical Co., Ltd.', country: 'CN', sourceFiles: ['bench.csv'], sourceRows: ['bench.csv#' + i], firstIngestedAt: '2024-06-01T00:00:00Z', lastIngestedAt: '2024-06-01T00:00:00Z'})
CREATE (imp:Company {key: 'company:imp-' + i, name: 'Importadora ' + i + ' SA de CV', country: 'MX', sourceFiles: ['bench.csv'], sourceRows: ['bench.csv#' + i]})
CREATE (fwd:Company:Broker {key: 'company:fwd-' + i, name: 'Forwarder ' + i + ' LLC', country: 'US'})
CREATE (p:Person {key: 'person:officer-' + i, name: 'Officer Number ' + i, country: 'MX'})
CREATE (a:Address {key: 'address:' + i, full: 'Calle ' + i + ', Guadalajara', country: 'MX'})
CREATE (ph:Phone {key: 'phone:' + i, number: '+52330000' + i})
CREATE (s:Shipment {key: 'shipment:bench-' + i, billOfLading: 'BENCH' + i, declarationDate: '2024-0' + (1 + i % 9) + '-1' + (i % 9), hsCode: '2933.39', goodsDescription: 'pharmaceutical intermediate', casNumber: '23056-29-3', weightKg: 100.0 + i, sourceFiles: ['bench.csv'], sourceRows: ['bench.csv#' + i]})
CREATE (z:Seizure {key: 'seizure:bench-' + i, seizureId: 'SZ-' + i, date: '2024-10-0' + (1 + i % 9), agency: 'SEMAR', substance: '4-AP', quantityKg: 50.0 + i})
CREATE (sup)-[:SHIPPED]->(s)
CREATE (s)-[:CONSIGNED_TO]->(imp)
CREATE (fwd)-[:ARRANGED]->(s)
CREATE (p)-[:OFFICER_OF {role: 'director'}]->(imp)
CREATE (imp)-[:HAS_ADDRESS]->(a)
CREATE (imp)-[:HAS_PHONE]->(ph)
CREATE (z)-[:SEIZED_FROM]->(s)
WITH i, s
MATCH (sha:Port {key: 'port:CNSHA'}), (zlo:Port {key: 'port:MXZLO'})
CREATE (s)-[:LADEN_AT]->(sha)
CREATE (s)-[:DISCHARGED_AT]->(zlo)
