// Write floor (benchmarks/bench_ingest.py): ENTRY_POINT (Notification to Port) by plain MATCH on keys and CREATE.
UNWIND $rows AS row
MATCH (a:Notification {key: row.from})
MATCH (b:Port {key: row.to})
CREATE (a)-[r:ENTRY_POINT]->(b)
SET r = row.props
