// Write floor (benchmarks/bench_ingest.py): HAS_EMAIL (Person to Email) by plain MATCH on keys and CREATE.
UNWIND $rows AS row
MATCH (a:Person {key: row.from})
MATCH (b:Email {key: row.to})
CREATE (a)-[r:HAS_EMAIL]->(b)
SET r = row.props
