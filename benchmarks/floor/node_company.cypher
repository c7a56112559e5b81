// Write floor (benchmarks/bench_ingest.py): Company nodes by plain CREATE, all properties in one map per row.
UNWIND $rows AS row
CREATE (n:Company)
SET n = row
