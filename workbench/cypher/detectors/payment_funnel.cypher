// ---
// id: payment_funnel
// kind: detector
// mode: read
// title: {en: Many senders paying one beneficiary, es: Muchos ordenantes que pagan a un mismo beneficiario}
// description:
//   en: >-
//     Beneficiaries paid by at least minSenders different originators within windowDays through money-service
//     businesses, virtual currency or cash (methods), the funnel pattern of payments for drugs and precursors
//     gathered from many payers. Ordinary wires from a supplier's many corporate customers are not counted.
//   es: >-
//     Beneficiarios que reciben pagos de al menos minSenders ordenantes distintos en windowDays a través de
//     transmisores de dinero, moneda virtual o efectivo (methods): el patrón de embudo de los pagos de drogas y
//     precursores reunidos de muchos pagadores. No cuentan las transferencias ordinarias de los muchos clientes
//     empresariales de un proveedor.
// category: payment-patterns
// severity: medium
// sources:
//   - "FinCEN FIN-2019-A006 (21 August 2019): multiple, seemingly unrelated individuals sending money-service-business or online payments to the same beneficiary, often in the PRC (https://www.fincen.gov/)"
//   - "FinCEN FIN-2024-A002 (20 June 2024): payments for precursor chemicals through MSBs and virtual currency"
// parameters:
//   - {name: methods, type: list<string>, default: ["msb", "virtual_currency", "cash"], example: ["msb", "virtual_currency"], description: payment methods counted}
//   - {name: minSenders, type: integer, default: 4, example: 4, description: fewest distinct originators within the window}
//   - {name: windowDays, type: integer, default: 30, example: 30, description: length of the window the payments fall in}
// row: {en: "one beneficiary with the originators that paid it in the busiest window", es: "un beneficiario con los ordenantes que le pagaron en la ventana de más actividad"}
// explanation:
//   en: >-
//     {{ entities[0].name }} was paid by {{ evidence.senders|length|num }} different originators between
//     {{ evidence.first|date }} and {{ evidence.last|date }} ({{ evidence.payments|length|num }} payments by
//     {{ evidence.methods|and_list }}{% if evidence.totals %}, {% for t in evidence.totals %}{{ t.amount|num }} {{ t.currency }}{{ ', ' if not loop.last }}{% endfor %}{% endif %}):
//     {{ evidence.senders|and_list(4) }}.
//   es: >-
//     {{ entities[0].name }} recibió pagos de {{ evidence.senders|length|num }} ordenantes distintos entre el
//     {{ evidence.first|date }} y el {{ evidence.last|date }} ({{ evidence.payments|length|num }} pagos por
//     {{ evidence.methods|map('replace', 'virtual_currency', 'moneda virtual')|map('replace', 'msb', 'transmisor de dinero')|map('replace', 'cash', 'efectivo')|and_list }}{% if evidence.totals %},
//     {% for t in evidence.totals %}{{ t.amount|num }} {{ t.currency }}{{ ', ' if not loop.last }}{% endfor %}{% endif %}):
//     {{ evidence.senders|and_list(4) }}.
// ---
MATCH (o)-[:PAID]->(pay:Payment)-[:PAID_TO]->(b)
WHERE (o:Company OR o:Person) AND (b:Company OR b:Person) AND o <> b
  AND pay.method IN $methods AND pay.date IS NOT NULL
WITH o, pay, b
ORDER BY pay.date
WITH b, collect({payment: pay, originator: o}) AS paid
WHERE size(paid) >= $minSenders
UNWIND paid AS first
WITH b, first.payment.date AS start,
     [x IN paid WHERE x.payment.date >= first.payment.date
        AND x.payment.date <= toString(date(substring(first.payment.date, 0, 10)) + duration({days: $windowDays}))] AS burst
WITH b, start, burst, reduce(u = [], x IN burst | CASE WHEN x.originator IN u THEN u ELSE u + x.originator END) AS senders
WHERE size(senders) >= $minSenders
WITH b, start, burst, senders
ORDER BY size(senders) DESC, start
WITH b, collect({burst: burst, senders: senders})[0] AS best
WITH b, best.senders AS senders,
     [x IN best.burst | {paymentId: x.payment.paymentId, date: x.payment.date, amount: x.payment.amount, currency: x.payment.currency,
                         method: x.payment.method, originator: x.originator.name}] AS payments
WITH b, senders, payments,
     reduce(u = [], p IN payments | CASE WHEN p.method IN u THEN u ELSE u + p.method END) AS methods,
     reduce(u = [], p IN payments | CASE WHEN p.currency IN u THEN u ELSE u + p.currency END) AS currencies
WITH b, senders, payments, methods,
     [cur IN currencies WHERE cur IS NOT NULL | {currency: cur, amount: round(reduce(s = 0.0, p IN payments | s + CASE WHEN p.currency = cur THEN coalesce(p.amount, 0.0) ELSE 0.0 END), 2)}] AS totals,
     reduce(m = '9999', p IN payments | CASE WHEN p.date < m THEN p.date ELSE m END) AS first,
     reduce(m = '', p IN payments | CASE WHEN p.date > m THEN p.date ELSE m END) AS last
RETURN [{label: CASE WHEN b:Company THEN 'Company' ELSE 'Person' END, key: b.key, name: b.name}]
         + [s IN senders[..10] | {label: CASE WHEN s:Company THEN 'Company' ELSE 'Person' END, key: s.key, name: s.name}] AS entities,
       b.name + ' was paid by ' + toString(size(senders)) + ' different originators between ' + first + ' and ' + last
         + ' (' + toString(size(payments)) + ' payments by ' + reduce(t = '', m IN methods | t + CASE WHEN t = '' THEN '' ELSE ', ' END + m)
         + '): ' + reduce(t = '', s IN senders[..4] | t + CASE WHEN t = '' THEN '' ELSE ', ' END + s.name) + '.' AS explanation,
       {senders: [s IN senders | s.name][..25], payments: payments[..25], methods: methods, totals: totals, first: first, last: last} AS evidence,
       round(CASE WHEN 0.3 + 0.1 * size(senders) > 1.0 THEN 1.0 ELSE 0.3 + 0.1 * size(senders) END, 3) AS score
ORDER BY score DESC, b.key
