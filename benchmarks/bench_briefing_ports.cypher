// Ports for benchmarks/bench_briefing.py.
CREATE (:Port {key: 'port:CNSHA', code: 'CNSHA', name: 'Shanghai', country: 'CN', latitude: 31.23, longitude: 121.47})
CREATE (:Port {key: 'port:MXZLO', code: 'MXZLO', name: 'Manzanillo', country: 'MX', latitude: 19.05, longitude: -104.31})
