// Ports for benchmarks/bench_briefing.py (MERGE: the demo bundle loaded as background may hold them already).
MERGE (p:Port {key: 'port:CNSHA'}) ON CREATE SET p.code = 'CNSHA', p.name = 'Shanghai', p.country = 'CN', p.latitude = 31.23, p.longitude = 121.47
WITH p
MERGE (q:Port {key: 'port:MXZLO'}) ON CREATE SET q.code = 'MXZLO', q.name = 'Manzanillo', q.country = 'MX', q.latitude = 19.05, q.longitude = -104.31
