// Write floor (benchmarks/bench_ingest.py): the Broker label on companies that arranged shipments.
UNWIND $keys AS k
MATCH (n:Company {key: k})
SET n:Broker
