// Write floor (benchmarks/bench_ingest.py): HAS_EMAIL (Company to Email) by plain MATCH on keys and CREATE.
UNWIND $rows AS row
MATCH (a:Company {key: row.from})
MATCH (b:Email {key: row.to})
CREATE (a)-[r:HAS_EMAIL]->(b)
SET r = row.props
