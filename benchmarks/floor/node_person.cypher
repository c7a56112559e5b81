// Write floor (benchmarks/bench_ingest.py): Person nodes by plain CREATE, all properties in one map per row.
UNWIND $rows AS row
CREATE (n:Person)
SET n = row
