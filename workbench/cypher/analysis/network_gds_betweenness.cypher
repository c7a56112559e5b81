// ---
// id: network_gds_betweenness
// kind: internal
// mode: read
// title: {en: Betweenness of brokers with GDS, es: Intermediación de agentes con GDS}
// description: Betweenness centrality of brokers in a projected trade graph (Neo4j Graph Data Science).
// requires: gds
// parameters:
//   - {name: graphName, type: string, default: "workbench-trade", example: "workbench-trade", description: name of the in-memory graph}
// row: one broker and its betweenness
// ---
CALL gds.betweenness.stream($graphName) YIELD nodeId, score
WITH gds.util.asNode(nodeId) AS n, score
WHERE n:Broker OR n.isBroker = true
RETURN n.key AS key, score
