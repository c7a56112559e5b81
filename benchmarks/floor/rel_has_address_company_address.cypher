// Write floor (benchmarks/bench_ingest.py): HAS_ADDRESS (Company to Address) by plain MATCH on keys and CREATE.
UNWIND $rows AS row
MATCH (a:Company {key: row.from})
MATCH (b:Address {key: row.to})
CREATE (a)-[r:HAS_ADDRESS]->(b)
SET r = row.props
