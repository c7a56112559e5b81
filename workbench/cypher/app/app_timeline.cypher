// ---
// id: app_timeline
// kind: internal
// mode: read
// title: {en: Dated events around entities, es: Eventos fechados alrededor de entidades}
// description: The timeline page. Shipments, seizures, notifications and incorporations within two hops of the selected entities.
// parameters:
//   - {name: keys, type: list<string>, default: null, example: ["company:acme"], description: keys of the selected entities}
// row: one dated node and the selected entity it was reached from
// ---
MATCH (s)
WHERE s.key IN $keys
MATCH (s)-[*0..2]-(e)
WHERE (e:Shipment AND e.declarationDate IS NOT NULL)
   OR (e:Seizure AND e.date IS NOT NULL)
   OR (e:Notification AND e.dispatchDate IS NOT NULL)
   OR (e:Company AND e.incorporationDate IS NOT NULL)
RETURN DISTINCT s.key AS origin, e, labels(e) AS labels
LIMIT 2000
