// Write floor (benchmarks/bench_ingest.py): Container nodes by plain CREATE, all properties in one map per row.
UNWIND $rows AS row
CREATE (n:Container)
SET n = row
