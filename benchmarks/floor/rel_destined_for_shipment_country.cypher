// Write floor (benchmarks/bench_ingest.py): DESTINED_FOR (Shipment to Country) by plain MATCH on keys and CREATE.
UNWIND $rows AS row
MATCH (a:Shipment {key: row.from})
MATCH (b:Country {key: row.to})
CREATE (a)-[r:DESTINED_FOR]->(b)
SET r = row.props
