// Write floor (benchmarks/bench_ingest.py): DECLARED_AS (Shipment to Chemical) by plain MATCH on keys and CREATE.
UNWIND $rows AS row
MATCH (a:Shipment {key: row.from})
MATCH (b:Chemical {key: row.to})
CREATE (a)-[r:DECLARED_AS]->(b)
SET r = row.props
