// ---
// id: sanctions_proximity
// kind: detector
// mode: read
// title: {en: Companies within three hops of a sanctioned party, es: Empresas a tres pasos o menos de una parte sancionada}
// description:
//   en: >-
//     Companies connected to a listed company or person by a path of at most maxHops relationships through
//     shipments, officers, addresses, phones or e-mails. Paths through common elements (an address, phone or e-mail
//     used by more than maxSharers firms, or a person who is an officer of more than maxSharers firms) are not
//     counted. The score falls with distance.
//   es: >-
//     Empresas unidas a una empresa o persona listada por un camino de como máximo maxHops relaciones a través de envíos,
//     directivos, domicilios, teléfonos o correos. No cuentan los caminos que pasan por elementos comunes (un domicilio,
//     teléfono o correo que usan más de maxSharers empresas, o una persona que es directiva de más de maxSharers empresas).
//     La puntuación baja con la distancia.
// category: sanctions-proximity
// severity: high
// parameters:
//   - {name: maxHops, type: integer, default: 3, example: 3, description: longest path counted (1 to 3)}
//   - {name: maxSharers, type: integer, default: 5, example: 5, description: ignore paths through elements shared by more firms than this}
// row: {en: "one company near a listed party, with the shortest path found", es: "una empresa cercana a una parte listada, con la ruta más corta encontrada"}
// explanation:
//   en: >-
//     {% set p = evidence.paths[0] %}{{ entities[0].name }} is {{ p.hops }} hop(s) from {{ p.listedName }}
//     (listed: {{ p.listing or 'watch list' }}) via {{ p.path|join(' - ') }}.
//   es: >-
//     {% set p = evidence.paths[0] %}{{ entities[0].name }} está a {{ p.hops }} {{ 'paso' if p.hops == 1 else 'pasos' }} de
//     {{ p.listedName }} (listado: {{ p.listing or 'lista de vigilancia' }}) a través de {{ p.path|join(' - ') }}.
// ---
MATCH (w:WatchlistEntry)<-[:LISTED_ON]-(t)
WHERE t:Company OR t:Person
MATCH p = (t)-[:SHIPPED|CONSIGNED_TO|OFFICER_OF|HAS_ADDRESS|HAS_PHONE|HAS_EMAIL*1..3]-(c:Company)
WHERE length(p) <= $maxHops AND c <> t AND NOT EXISTS { (c)-[:LISTED_ON]->(:WatchlistEntry) }
  AND all(n IN nodes(p)[1..-1] WHERE n:Shipment
          OR COUNT { (n)-[:HAS_ADDRESS|HAS_PHONE|HAS_EMAIL|OFFICER_OF]-(:Company) } <= $maxSharers)
WITH c, t, w, p
ORDER BY length(p)
WITH c, collect({listed: t.key, listedName: t.name, listedLabel: CASE WHEN t:Company THEN 'Company' ELSE 'Person' END, listing: coalesce(w.dataset, w.listId, w.name), hops: length(p),
                 path: [n IN nodes(p) | coalesce(n.name, n.billOfLading, n.full, n.number, n.address, n.key)]}) AS paths
WITH c, paths, paths[0] AS best
RETURN [{label: 'Company', key: c.key, name: c.name}, {label: best.listedLabel, key: best.listed, name: best.listedName}] AS entities,
       c.name + ' is ' + toString(best.hops) + ' hop(s) from ' + best.listedName + ' (listed: '
         + coalesce(best.listing, 'watch list') + ') via ' + reduce(s = '', x IN best.path | s + CASE WHEN s = '' THEN '' ELSE ' - ' END + x)
         + '.' AS explanation,
       {paths: paths[..5], pathCount: size(paths)} AS evidence,
       round(1.0 - 0.25 * (best.hops - 1), 3) AS score
ORDER BY score DESC, c.key
