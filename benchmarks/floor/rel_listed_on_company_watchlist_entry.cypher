// Write floor (benchmarks/bench_ingest.py): LISTED_ON (Company to WatchlistEntry) by plain MATCH on keys and CREATE.
UNWIND $rows AS row
MATCH (a:Company {key: row.from})
MATCH (b:WatchlistEntry {key: row.to})
CREATE (a)-[r:LISTED_ON]->(b)
SET r = row.props
