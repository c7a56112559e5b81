// Write floor (benchmarks/bench_ingest.py): FOUND (Seizure to Chemical) by plain MATCH on keys and CREATE.
UNWIND $rows AS row
MATCH (a:Seizure {key: row.from})
MATCH (b:Chemical {key: row.to})
CREATE (a)-[r:FOUND]->(b)
SET r = row.props
