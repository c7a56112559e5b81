// Write floor (benchmarks/bench_ingest.py): Seizure nodes by plain CREATE, all properties in one map per row.
UNWIND $rows AS row
CREATE (n:Seizure)
SET n = row
