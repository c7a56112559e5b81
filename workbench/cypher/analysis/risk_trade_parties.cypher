// ---
// id: risk_trade_parties
// kind: internal
// mode: read
// title: {en: Parties to each trade flow, es: Partes de cada flujo comercial}
// description: >-
//   Every shipper, consignee, broker and notify-party combination with its number of shipments and of seized
//   shipments: the flows along which workbench/analysis/risk.py carries a firm's findings to the firms that traded
//   with it (weighed by the part of their trade it is), and measures what part of a broker's business is for
//   flagged firms or was seized. The same rows build the company graph of workbench/analysis/network.py (broker
//   betweenness, communities), so the risk ranking walks the store's shipments once. It groups by the nodes and
//   reads their keys once per group: reading three keys on every shipment took half the time (1M manifests: 32-36 s
//   against 15-17 s, the same 808 rows).
// row: one shipper, consignee, broker (or null) and notify parties, with shipment and seizure counts
// ---
MATCH (p:Company)-[:SHIPPED]->(s:Shipment)-[:CONSIGNED_TO]->(c:Company)
OPTIONAL MATCH (b:Company)-[:ARRANGED]->(s)
WITH p, c, b, s, CASE WHEN EXISTS { (:Seizure)-[:SEIZED_FROM]->(s) } THEN 1 ELSE 0 END AS seized,
     [(s)-[:NOTIFY_PARTY]->(n:Company) | n] AS notify
WITH p, c, b, notify, count(s) AS shipments, sum(seized) AS seized
RETURN p.key AS shipper, c.key AS consignee, b.key AS broker, [n IN notify | n.key] AS notify, shipments, seized
