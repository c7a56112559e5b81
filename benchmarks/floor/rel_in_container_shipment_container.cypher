// Write floor (benchmarks/bench_ingest.py): IN_CONTAINER (Shipment to Container) by plain MATCH on keys and CREATE.
UNWIND $rows AS row
MATCH (a:Shipment {key: row.from})
MATCH (b:Container {key: row.to})
CREATE (a)-[r:IN_CONTAINER]->(b)
SET r = row.props
