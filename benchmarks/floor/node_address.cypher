// Write floor (benchmarks/bench_ingest.py): Address nodes by plain CREATE, all properties in one map per row.
UNWIND $rows AS row
CREATE (n:Address)
SET n = row
