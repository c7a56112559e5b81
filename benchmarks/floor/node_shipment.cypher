// Write floor (benchmarks/bench_ingest.py): Shipment nodes by plain CREATE, all properties in one map per row.
UNWIND $rows AS row
CREATE (n:Shipment)
SET n = row
