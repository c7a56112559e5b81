// ---
// id: ingest_run_finish
// kind: internal
// mode: write
// title: {en: Finish an ingest run}
// description: "Marks an ingest run complete with its row counts."
// parameters:
//   - {name: key, type: string, default: null, example: "run:example", description: run key}
//   - {name: now, type: string, default: null, example: "2024-01-01T00:00:00+00:00", description: now}
//   - {name: rowsRead, type: integer, default: null, example: 10, description: rows read}
//   - {name: rowsStored, type: integer, default: null, example: 9, description: rows stored}
//   - {name: rowsRejected, type: integer, default: null, example: 1, description: rows rejected}
// ---
MATCH (r:IngestRun {key: $key})
SET r.status = 'complete', r.finishedAt = coalesce(r.finishedAt, $now), r.rowsRead = $rowsRead,
    r.rowsStored = $rowsStored, r.rowsRejected = $rowsRejected
