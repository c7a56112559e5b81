// Write floor (benchmarks/bench_ingest.py): INGESTED_BY (Shipment to IngestRun) by plain MATCH on keys and CREATE.
UNWIND $rows AS row
MATCH (a:Shipment {key: row.from})
MATCH (b:IngestRun {key: row.to})
CREATE (a)-[r:INGESTED_BY]->(b)
SET r = row.props
