// Write floor (benchmarks/bench_ingest.py): HAS_PHONE (Person to Phone) by plain MATCH on keys and CREATE.
UNWIND $rows AS row
MATCH (a:Person {key: row.from})
MATCH (b:Phone {key: row.to})
CREATE (a)-[r:HAS_PHONE]->(b)
SET r = row.props
