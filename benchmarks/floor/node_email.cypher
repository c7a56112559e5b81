// Write floor (benchmarks/bench_ingest.py): Email nodes by plain CREATE, all properties in one map per row.
UNWIND $rows AS row
CREATE (n:Email)
SET n = row
