// Write floor (benchmarks/bench_ingest.py): LOCATED_IN (Address to Country) by plain MATCH on keys and CREATE.
UNWIND $rows AS row
MATCH (a:Address {key: row.from})
MATCH (b:Country {key: row.to})
CREATE (a)-[r:LOCATED_IN]->(b)
SET r = row.props
