// ---
// id: store_version
// kind: internal
// mode: read
// title: {en: The store's version, es: La versión del almacén}
// description: "The counter every ingest run, merge, split and recorded inspection raises (on the StoreCounts node, by its key; 0 on a store counted before there was one): findings kept for a version are used while it holds. No row when the store was never counted."
// parameters: []
// row: the version
// ---
MATCH (c:StoreCounts {key: 'counts:store'})
RETURN coalesce(c.version, 0) AS version
