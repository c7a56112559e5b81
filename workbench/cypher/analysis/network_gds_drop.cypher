// ---
// id: network_gds_drop
// kind: internal
// mode: read
// title: {en: Drop the projected trade graph, es: Eliminar el grafo comercial proyectado}
// description: Drops the in-memory GDS graph made by network_gds_project.
// requires: gds
// parameters:
//   - {name: graphName, type: string, default: "workbench-trade", example: "workbench-trade", description: name of the in-memory graph}
// row: the dropped graph's name
// ---
CALL gds.graph.drop($graphName, false) YIELD graphName
RETURN graphName
