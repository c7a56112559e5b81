// ---
// id: store_counts
// kind: internal
// mode: read
// title: {en: What the store holds, as last counted, es: Lo que contiene el almacén, según el último recuento}
// description: "The counts by label and relationship type and the range of dates recorded by the last ingest run, merge or split (one node by its key), for the overview; no row when nothing was recorded yet."
// parameters: []
// row: the recorded counts
// ---
MATCH (c:StoreCounts {key: 'counts:store'})
RETURN c.labels AS labels, c.labelCounts AS labelCounts, c.types AS types, c.typeCounts AS typeCounts,
       c.dateLow AS dateLow, c.dateHigh AS dateHigh, c.countedAt AS countedAt, c.countedBy AS countedBy
