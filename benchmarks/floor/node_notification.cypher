// Write floor (benchmarks/bench_ingest.py): Notification nodes by plain CREATE, all properties in one map per row.
UNWIND $rows AS row
CREATE (n:Notification)
SET n = row
