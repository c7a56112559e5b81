// Write floor (benchmarks/bench_ingest.py): IngestRun nodes by plain CREATE, all properties in one map per row.
UNWIND $rows AS row
CREATE (n:IngestRun)
SET n = row
