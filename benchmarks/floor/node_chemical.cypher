// Write floor (benchmarks/bench_ingest.py): Chemical nodes by plain CREATE, all properties in one map per row.
UNWIND $rows AS row
CREATE (n:Chemical)
SET n = row
