// ---
// id: store_changed
// kind: internal
// mode: write
// title: {en: Note that the data changed}
// description: "Raises the store's version on its StoreCounts node after a write that changes no counts worth recounting (a recorded inspection), so findings kept for the old version are run again; nothing when the store was never counted."
// parameters:
//   - {name: changedAt, type: string, default: null, example: "2024-01-01T00:00:00+00:00", description: when}
//   - {name: changedBy, type: string, default: null, example: "inspection of shipment:X", description: what changed the data}
// ---
MATCH (c:StoreCounts {key: 'counts:store'})
SET c.version = coalesce(c.version, 0) + 1, c.changedAt = $changedAt, c.changedBy = $changedBy
