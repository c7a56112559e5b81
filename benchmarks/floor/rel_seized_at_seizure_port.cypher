// Write floor (benchmarks/bench_ingest.py): SEIZED_AT (Seizure to Port) by plain MATCH on keys and CREATE.
UNWIND $rows AS row
MATCH (a:Seizure {key: row.from})
MATCH (b:Port {key: row.to})
CREATE (a)-[r:SEIZED_AT]->(b)
SET r = row.props
