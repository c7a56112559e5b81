// Write floor (benchmarks/bench_ingest.py): WatchlistEntry nodes by plain CREATE, all properties in one map per row.
UNWIND $rows AS row
CREATE (n:WatchlistEntry)
SET n = row
