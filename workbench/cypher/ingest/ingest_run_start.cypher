// ---
// id: ingest_run_start
// kind: internal
// mode: write
// title: {en: Start an ingest run}
// description: "Records (or resumes) an ingest run with status running; its key is a hash of the bundle, so a re-run resumes it."
// parameters:
//   - {name: key, type: string, default: null, example: "run:example", description: run key}
//   - {name: now, type: string, default: null, example: "2024-01-01T00:00:00+00:00", description: now}
//   - {name: source, type: string, default: null, example: "bundle", description: source label}
//   - {name: files, type: list<string>, default: null, example: ["manifests.csv"], description: file names}
// ---
MERGE (r:IngestRun {key: $key})
ON CREATE SET r.startedAt = $now, r.firstIngestedAt = $now
SET r.status = CASE WHEN r.status = 'complete' THEN 'complete' ELSE 'running' END,
    r.source = $source, r.files = $files, r.lastIngestedAt = $now
