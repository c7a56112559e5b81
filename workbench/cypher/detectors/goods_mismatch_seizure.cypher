// ---
// id: goods_mismatch_seizure
// kind: detector
// mode: read
// title: {en: Declared goods inconsistent with what was seized, es: Mercancía declarada distinta de lo asegurado}
// description:
//   en: >-
//     Seized shipments whose declared goods do not match the substance found or tested: the declared chemical or HS
//     code differs from the substance found, or the declaration used a vague cover description.
//   es: >-
//     Envíos asegurados cuya mercancía declarada no coincide con la sustancia encontrada o analizada: la sustancia o la
//     fracción arancelaria declarada difiere de la encontrada, o la declaración usó una descripción genérica de cobertura.
// category: goods-mismatch
// severity: high
// parameters: []
// row: {en: "one seized shipment with its declaration, the substance found and the companies on the bill", es: "un envío asegurado con su declaración, la sustancia hallada y las empresas del conocimiento de embarque"}
// explanation:
//   en: >-
//     Shipment {{ evidence.shipments[0] or '?' }} was declared as "{{ evidence.declaredDescription or 'no description' }}"
//     (HS {{ evidence.declaredHsCode or 'none' }}) but seizure {{ evidence.seizures[0] or '?' }} found {{ evidence.found }}
//     (HS {{ evidence.foundHsCode or 'unknown' }}){% if evidence.vagueDescription %}, behind a vague cover description{% endif %}.
//   es: >-
//     El envío {{ evidence.shipments[0] or '?' }} se declaró como "{{ evidence.declaredDescription or 'sin descripción' }}"
//     (fracción {{ evidence.declaredHsCode or 'ninguna' }}), pero en el aseguramiento {{ evidence.seizures[0] or '?' }} se encontró
//     {{ evidence.found }} (fracción {{ evidence.foundHsCode or 'desconocida' }}){% if evidence.vagueDescription %}, bajo una
//     descripción genérica de cobertura{% endif %}.
// ---
MATCH (z:Seizure)-[:SEIZED_FROM]->(s:Shipment)
MATCH (z)-[:FOUND]->(x:Chemical)
WITH z, s, x, [(s)-[:DECLARED_AS]->(d:Chemical) | d] AS declared
WHERE NOT x IN declared
  AND (s.hsCode IS NULL OR x.hsCode IS NULL OR s.hsCode <> x.hsCode OR coalesce(s.vagueDescription, false)
       OR size(declared) > 0)
WITH z, s, x, declared,
     [(s)<-[:SHIPPED]-(c:Company) | {label: 'Company', key: c.key, name: c.name}]
     + [(s)-[:CONSIGNED_TO]->(c:Company) | {label: 'Company', key: c.key, name: c.name}] AS firms
RETURN firms + [{label: 'Shipment', key: s.key, name: s.billOfLading}, {label: 'Seizure', key: z.key, name: z.seizureId}] AS entities,
       'Shipment ' + coalesce(s.billOfLading, s.key) + ' was declared as "' + coalesce(s.goodsDescription, 'no description')
         + '" (HS ' + coalesce(s.hsCode, 'none') + ') but seizure ' + coalesce(z.seizureId, z.key) + ' found '
         + x.name + ' (HS ' + coalesce(x.hsCode, 'unknown') + ')'
         + CASE WHEN coalesce(s.vagueDescription, false) THEN ', behind a vague cover description.' ELSE '.' END AS explanation,
       {shipments: [s.billOfLading], seizures: [z.seizureId], declaredDescription: s.goodsDescription,
        declaredHsCode: s.hsCode, declaredChemicals: [d IN declared | d.name], found: x.name, foundCas: x.casNumber, foundHsCode: x.hsCode,
        vagueDescription: coalesce(s.vagueDescription, false)} AS evidence,
       CASE WHEN coalesce(s.vagueDescription, false) THEN 1.0 ELSE 0.8 END AS score
ORDER BY score DESC, s.key
