// Write floor (benchmarks/bench_ingest.py): Port nodes by plain CREATE, all properties in one map per row.
UNWIND $rows AS row
CREATE (n:Port)
SET n = row
