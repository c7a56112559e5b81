// ---
// id: store_counts_record
// kind: internal
// mode: write
// title: {en: Record what the store holds}
// description: "Writes the counts by label and relationship type (parallel lists: names and counts) and the range of dates on the one StoreCounts node, read by the overview, and raises the store's version (what cached findings are kept against)."
// parameters:
//   - {name: labels, type: list<string>, default: [], example: ["Company", "Shipment"], description: labels counted}
//   - {name: labelCounts, type: list<string>, default: [], example: ["3", "10"], description: "their counts, as whole numbers (the list type is checked as text; the statement stores integers)"}
//   - {name: types, type: list<string>, default: [], example: ["SHIPPED"], description: relationship types counted}
//   - {name: typeCounts, type: list<string>, default: [], example: ["10"], description: their counts}
//   - {name: dateLow, type: string, default: null, example: "2023-01-02", description: the earliest date of the data (app_date_range)}
//   - {name: dateHigh, type: string, default: null, example: "2025-06-30", description: the latest date of the data}
//   - {name: countedAt, type: string, default: null, example: "2024-01-01T00:00:00+00:00", description: when}
//   - {name: countedBy, type: string, default: null, example: "run:example", description: "what counted: an ingest run, a merge, a split or a recount"}
// ---
MERGE (c:StoreCounts {key: 'counts:store'})
SET c.labels = $labels, c.labelCounts = [n IN $labelCounts | toInteger(n)], c.types = $types,
    c.typeCounts = [n IN $typeCounts | toInteger(n)], c.dateLow = $dateLow, c.dateHigh = $dateHigh,
    c.countedAt = $countedAt, c.countedBy = $countedBy, c.version = coalesce(c.version, 0) + 1
