// ---
// id: count_by_label
// kind: internal
// mode: read
// title: {en: Nodes by label, es: Nodos por etiqueta}
// description: How many nodes the store holds under each label (home page, `workbench up` emptiness check).
// row: one label and its node count
// ---
MATCH (n)
UNWIND labels(n) AS label
RETURN label, count(*) AS count
ORDER BY label
