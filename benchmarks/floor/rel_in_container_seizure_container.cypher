// Write floor (benchmarks/bench_ingest.py): IN_CONTAINER (Seizure to Container) by plain MATCH on keys and CREATE.
UNWIND $rows AS row
MATCH (a:Seizure {key: row.from})
MATCH (b:Container {key: row.to})
CREATE (a)-[r:IN_CONTAINER]->(b)
SET r = row.props
