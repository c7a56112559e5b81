// Write floor (benchmarks/bench_ingest.py): OFFICER_OF (Person to Company) by plain MATCH on keys and CREATE.
UNWIND $rows AS row
MATCH (a:Person {key: row.from})
MATCH (b:Company {key: row.to})
CREATE (a)-[r:OFFICER_OF]->(b)
SET r = row.props
