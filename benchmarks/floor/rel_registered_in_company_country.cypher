// Write floor (benchmarks/bench_ingest.py): REGISTERED_IN (Company to Country) by plain MATCH on keys and CREATE.
UNWIND $rows AS row
MATCH (a:Company {key: row.from})
MATCH (b:Country {key: row.to})
CREATE (a)-[r:REGISTERED_IN]->(b)
SET r = row.props
