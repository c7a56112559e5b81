// Write floor (benchmarks/bench_ingest.py): COVERS (Notification to Chemical) by plain MATCH on keys and CREATE.
UNWIND $rows AS row
MATCH (a:Notification {key: row.from})
MATCH (b:Chemical {key: row.to})
CREATE (a)-[r:COVERS]->(b)
SET r = row.props
