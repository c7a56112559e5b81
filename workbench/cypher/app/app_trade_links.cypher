// ---
// id: app_trade_links
// kind: internal
// mode: read
// title: {en: Trade links of firms, es: Vínculos comerciales de empresas}
// description: >-
//   The network view's trade links (as i2 link summaries): the shipments between each shipper and consignee,
//   one of them among the given firms, collapsed into one link per ordered pair with the number of shipments,
//   the first and last declaration dates, the chemicals declared and how many were seized.
// parameters:
//   - {name: keys, type: list<string>, default: null, example: ["company:acme"], description: keys of the firms}
//   - {name: limit, type: integer, default: 500, example: 500, description: links at most}
// row: one shipper-consignee pair with a summary of its shipments
// ---
UNWIND $keys AS k
MATCH (c:Company {key: k})
CALL (c) {
  MATCH (c)-[:SHIPPED]->(s:Shipment)-[:CONSIGNED_TO]->(p:Company)
  RETURN s, c AS shipper, p AS consignee
  UNION
  MATCH (c)<-[:CONSIGNED_TO]-(s:Shipment)<-[:SHIPPED]-(p:Company)
  RETURN s, p AS shipper, c AS consignee
}
WITH DISTINCT shipper, consignee, s
ORDER BY s.declarationDate
WITH shipper, consignee, collect(s) AS ships
RETURN shipper, labels(shipper) AS shipperLabels, consignee, labels(consignee) AS consigneeLabels,
       size(ships) AS shipments, ships[0].declarationDate AS first, ships[-1].declarationDate AS last,
       size([s IN ships WHERE EXISTS { (s)<-[:SEIZED_FROM]-(:Seizure) }]) AS seized,
       reduce(acc = [], s IN ships | acc + [(s)-[:DECLARED_AS]->(x:Chemical) | coalesce(x.shortName, x.name)]) AS chemicals
LIMIT $limit
