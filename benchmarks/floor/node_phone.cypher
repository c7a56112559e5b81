// Write floor (benchmarks/bench_ingest.py): Phone nodes by plain CREATE, all properties in one map per row.
UNWIND $rows AS row
CREATE (n:Phone)
SET n = row
