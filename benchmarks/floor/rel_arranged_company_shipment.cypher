// Write floor (benchmarks/bench_ingest.py): ARRANGED (Company to Shipment) by plain MATCH on keys and CREATE.
UNWIND $rows AS row
MATCH (a:Company {key: row.from})
MATCH (b:Shipment {key: row.to})
CREATE (a)-[r:ARRANGED]->(b)
SET r = row.props
