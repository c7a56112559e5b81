// ---
// id: network_trade_edges
// kind: internal
// mode: read
// title: {en: Trade links between companies, es: Vínculos comerciales entre empresas}
// description: >-
//   Every shipper, consignee and broker triple with its number of shipments and of seized shipments: the edges
//   workbench/analysis/network.py builds its company graph from (networkx on the embedded default).
// row: one shipper-consignee pair (and broker, if any) with shipment and seizure counts
// ---
MATCH (p:Company)-[:SHIPPED]->(s:Shipment)-[:CONSIGNED_TO]->(c:Company)
OPTIONAL MATCH (b:Company)-[:ARRANGED]->(s)
WITH p, c, b, s, CASE WHEN EXISTS { (:Seizure)-[:SEIZED_FROM]->(s) } THEN 1 ELSE 0 END AS seized
RETURN p.key AS shipper, c.key AS consignee, b.key AS broker, count(s) AS shipments, sum(seized) AS seized
