// ---
// id: entity_record_decision
// kind: internal
// mode: write
// title: {en: Record a resolution decision}
// description: "Stores an investigator's merge or split so that every later ingest applies it again."
// parameters:
//   - {name: key, type: string, default: null, example: "decision:1", description: decision key}
//   - {name: kind, type: string, default: null, example: "merge", description: merge or split}
//   - {name: label, type: string, default: null, example: "Company", description: entity label}
//   - {name: target, type: string, default: null, example: "company:cn:acme", description: entity kept or created}
//   - {name: sources, type: list<string>, default: null, example: ["company:cn:acme-2"], description: entities merged or split}
//   - {name: names, type: list<string>, default: null, example: [], description: spellings moved by a split}
//   - {name: reason, type: string, default: null, example: "same registration number", description: why}
//   - {name: user, type: string, default: null, example: "analyst", description: who}
//   - {name: now, type: string, default: null, example: "2024-01-01T00:00:00+00:00", description: when}
// ---
MERGE (d:ResolutionDecision {key: $key})
ON CREATE SET d.kind = $kind, d.entityLabel = $label, d.target = $target, d.sources = $sources, d.names = $names,
              d.reason = $reason, d.createdBy = $user, d.createdAt = $now
RETURN d.key AS key
