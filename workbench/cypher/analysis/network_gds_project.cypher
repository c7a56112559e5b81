// ---
// id: network_gds_project
// kind: internal
// mode: read
// title: {en: Project the trade graph into GDS, es: Proyectar el grafo comercial en GDS}
// description: >-
//   Projects companies linked by shipments (shipper-consignee, shipper-broker, broker-consignee) into an
//   in-memory Graph Data Science graph named graphName (undirected).
// requires: gds
// parameters:
//   - {name: graphName, type: string, default: "workbench-trade", example: "workbench-trade", description: name of the in-memory graph}
// row: the projected graph's name and size
// ---
MATCH (a:Company)-[:SHIPPED|ARRANGED]->(:Shipment)-[:CONSIGNED_TO|NOTIFY_PARTY]->(b:Company)
WITH DISTINCT a, b
WITH gds.graph.project($graphName, a, b, {}, {undirectedRelationshipTypes: ['*']}) AS g
RETURN g.graphName AS graphName, g.nodeCount AS nodes, g.relationshipCount AS relationships
