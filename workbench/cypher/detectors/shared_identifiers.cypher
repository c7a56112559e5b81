// ---
// id: shared_identifiers
// kind: detector
// mode: read
// title: {en: "Companies sharing an address, phone, e-mail or officer", es: "Empresas que comparten domicilio, teléfono, correo o directivo"}
// description:
//   en: >-
//     Pairs of companies that share addresses, phones, e-mails or officers. Each shared element is weighed by how
//     many firms use it (weight 1/log2(n) for n firms; elements used by more than maxSharers firms, such as
//     registered-agent addresses and business centres, are ignored), and a pair is reported when its weights add up
//     to at least minWeight.
//   es: >-
//     Pares de empresas que comparten domicilios, teléfonos, correos o directivos. Cada elemento compartido pesa según
//     cuántas empresas lo usan (peso 1/log2(n) para n empresas; se ignoran los elementos que usan más de maxSharers
//     empresas, como domicilios de agentes registrados y centros de negocios), y se informa el par cuando sus pesos suman
//     al menos minWeight.
// category: shared-identifiers
// severity: medium
// parameters:
//   - {name: maxSharers, type: integer, default: 5, example: 5, description: ignore elements shared by more firms than this}
//   - {name: minWeight, type: float, default: 1.0, example: 1.0, description: "smallest total weight reported (one element shared by two firms weighs 1)"}
// row: {en: "one pair of companies with the elements they share", es: "un par de empresas con los elementos que comparten"}
// explanation:
//   en: >-
//     {{ entities[0].name }} and {{ entities[1].name }} share {{ evidence.shared|length }} identifier(s) used by few other firms:
//     {% for x in evidence.shared %}{{ x.element|lower }} {{ x.value }} ({{ x.sharedBy }} firms){{ '; ' if not loop.last }}{% endfor %}.
//   es: >-
//     {% set word = {'Address': 'domicilio', 'Phone': 'teléfono', 'Email': 'correo', 'Person': 'directivo'} %}{{ entities[0].name }} y {{ entities[1].name }} comparten
//     {{ evidence.shared|length }} {{ 'identificador' if evidence.shared|length == 1 else 'identificadores' }} que usan pocas otras empresas:
//     {% for x in evidence.shared %}{{ word.get(x.element, x.element|lower) }} {{ x.value }} ({{ x.sharedBy }} empresas){{ '; ' if not loop.last }}{% endfor %}.
// ---
MATCH (c:Company)-[:HAS_ADDRESS|HAS_PHONE|HAS_EMAIL|OFFICER_OF]-(e)
WHERE e:Address OR e:Phone OR e:Email OR e:Person
WITH e, collect(DISTINCT c) AS firms
WITH e, firms, size(firms) AS n
WHERE n >= 2 AND n <= $maxSharers
WITH e, firms, n, 1.0 / (log(n) / log(2)) AS weight
UNWIND firms AS a
UNWIND firms AS b
WITH a, b, e, n, weight
WHERE a.key < b.key
WITH a, b,
     collect({element: labels(e)[0], key: e.key, value: coalesce(e.full, e.number, e.address, e.name, e.key),
              sharedBy: n, weight: round(weight, 3)}) AS shared,
     sum(weight) AS total
WHERE total >= $minWeight
RETURN [{label: 'Company', key: a.key, name: a.name}, {label: 'Company', key: b.key, name: b.name}] AS entities,
       a.name + ' and ' + b.name + ' share ' + toString(size(shared)) + ' identifier(s) used by few other firms: '
         + reduce(s = '', x IN shared | s + CASE WHEN s = '' THEN '' ELSE '; ' END
                  + toLower(x.element) + ' ' + x.value + ' (' + toString(x.sharedBy) + ' firms)') + '.' AS explanation,
       {shared: shared} AS evidence,
       round(CASE WHEN total / 2.0 > 1.0 THEN 1.0 ELSE total / 2.0 END, 3) AS score
ORDER BY score DESC, a.key, b.key
