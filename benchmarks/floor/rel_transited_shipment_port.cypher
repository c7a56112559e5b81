// Write floor (benchmarks/bench_ingest.py): TRANSITED (Shipment to Port) by plain MATCH on keys and CREATE.
UNWIND $rows AS row
MATCH (a:Shipment {key: row.from})
MATCH (b:Port {key: row.to})
CREATE (a)-[r:TRANSITED]->(b)
SET r = row.props
