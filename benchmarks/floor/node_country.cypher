// Write floor (benchmarks/bench_ingest.py): Country nodes by plain CREATE, all properties in one map per row.
UNWIND $rows AS row
CREATE (n:Country)
SET n = row
