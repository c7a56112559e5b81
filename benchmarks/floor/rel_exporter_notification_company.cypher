// Write floor (benchmarks/bench_ingest.py): EXPORTER (Notification to Company) by plain MATCH on keys and CREATE.
UNWIND $rows AS row
MATCH (a:Notification {key: row.from})
MATCH (b:Company {key: row.to})
CREATE (a)-[r:EXPORTER]->(b)
SET r = row.props
