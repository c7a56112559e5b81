// Write floor (benchmarks/bench_ingest.py): NOTIFY_PARTY (Shipment to Company) by plain MATCH on keys and CREATE.
UNWIND $rows AS row
MATCH (a:Shipment {key: row.from})
MATCH (b:Company {key: row.to})
CREATE (a)-[r:NOTIFY_PARTY]->(b)
SET r = row.props
