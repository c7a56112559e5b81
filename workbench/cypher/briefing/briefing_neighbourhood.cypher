// ---
// id: briefing_neighbourhood
// kind: internal
// mode: read
// title: {en: Neighbourhood of a set of entities, es: Vecindario de un conjunto de entidades}
// description: "The keys of every node within `depth` hops (0 to 3, either direction) of the given nodes, the given nodes included."
// parameters:
//   - {name: keys, type: list<string>, default: [], example: ["company:acme"], description: keys of the starting nodes}
//   - {name: depth, type: integer, default: 1, example: 2, description: hops to follow (0 to 3)}
// row: one node key in the neighbourhood
// ---
MATCH (start)
WHERE start.key IN $keys
CALL {
  WITH start
  RETURN start AS n
  UNION
  WITH start
  WITH start WHERE $depth >= 1
  MATCH (start)--(n)
  RETURN n
  UNION
  WITH start
  WITH start WHERE $depth >= 2
  MATCH (start)--()--(n)
  RETURN n
  UNION
  WITH start
  WITH start WHERE $depth >= 3
  MATCH (start)--()--()--(n)
  RETURN n
}
RETURN DISTINCT n.key AS key
