// Write floor (benchmarks/bench_ingest.py): INGESTED_BY (Notification to IngestRun) by plain MATCH on keys and CREATE.
UNWIND $rows AS row
MATCH (a:Notification {key: row.from})
MATCH (b:IngestRun {key: row.to})
CREATE (a)-[r:INGESTED_BY]->(b)
SET r = row.props
