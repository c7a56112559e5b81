// Write floor (benchmarks/bench_ingest.py): SEIZED_FROM (Seizure to Shipment) by plain MATCH on keys and CREATE.
UNWIND $rows AS row
MATCH (a:Seizure {key: row.from})
MATCH (b:Shipment {key: row.to})
CREATE (a)-[r:SEIZED_FROM]->(b)
SET r = row.props
