// Write floor (benchmarks/bench_ingest.py): LADEN_AT (Shipment to Port) by plain MATCH on keys and CREATE.
UNWIND $rows AS row
MATCH (a:Shipment {key: row.from})
MATCH (b:Port {key: row.to})
CREATE (a)-[r:LADEN_AT]->(b)
SET r = row.props
