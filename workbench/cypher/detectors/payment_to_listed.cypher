// ---
// id: payment_to_listed
// kind: detector
// mode: read
// title: {en: Payments to a listed party, es: Pagos a una parte listada}
// description:
//   en: >-
//     Payers that paid a company or person listed on a sanctions or watch list (LISTED_ON a watch-list entry). A
//     payment made before the listing date is still reported, with a lower score: it shows the relationship, not a
//     breach. Payments to unlisted firms that merely share a country, a port or an ingest run with a listed one are
//     not reported.
//   es: >-
//     Pagadores que pagaron a una empresa o persona listada en una lista de sanciones o de vigilancia (LISTED_ON una
//     entrada de lista). Un pago anterior a la fecha de inclusión en la lista también se informa, con menor
//     puntuación: muestra la relación, no un incumplimiento. No se informan los pagos a empresas no listadas que solo
//     comparten país, puerto o carga con una listada.
// category: listed-party-payment
// severity: critical
// sources:
//   - "FinCEN FIN-2024-A002 (20 June 2024): transactions with PRC chemical companies and persons designated by OFAC for fentanyl precursor supply (https://www.fincen.gov/)"
//   - "OFAC designations of PRC precursor suppliers and Mexican fronts under E.O. 14059 (2023)"
// parameters: []
// row: {en: "one payer and the listed party it paid", es: "un ordenante y la parte listada a la que pagó"}
// explanation:
//   en: >-
//     {{ entities[0].name }} paid {{ entities[1].name }}, listed on {{ evidence.listings|and_list(2) }}{% if evidence.listedDate %}
//     since {{ evidence.listedDate|date }}{% endif %}, {{ evidence.payments|length|num }} time(s)
//     ({% for t in evidence.totals %}{{ t.amount|num }} {{ t.currency }}{{ ', ' if not loop.last }}{% endfor %}){% if evidence.afterListing %},
//     {{ evidence.afterListing|num }} of them after the listing{% endif %}.
//   es: >-
//     {{ entities[0].name }} pagó a {{ entities[1].name }}, listado en {{ evidence.listings|and_list(2) }}{% if evidence.listedDate %}
//     desde el {{ evidence.listedDate|date }}{% endif %}, {{ evidence.payments|length|num }} {{ 'vez' if evidence.payments|length == 1 else 'veces' }}
//     ({% for t in evidence.totals %}{{ t.amount|num }} {{ t.currency }}{{ ', ' if not loop.last }}{% endfor %}){% if evidence.afterListing %},
//     {{ evidence.afterListing|num }} de ellas después de la inclusión en la lista{% endif %}.
// ---
MATCH (o)-[:PAID]->(pay:Payment)-[:PAID_TO]->(b)-[:LISTED_ON]->(w:WatchlistEntry)
WHERE (o:Company OR o:Person) AND (b:Company OR b:Person) AND o <> b
WITH o, b, collect(DISTINCT pay) AS pays, collect(DISTINCT coalesce(w.dataset, w.listId, w.name)) AS listings,
     min(substring(coalesce(w.listedDate, w.firstSeen), 0, 10)) AS listedDate
WITH o, b, pays, listings, listedDate,
     size([p IN pays WHERE listedDate IS NULL OR p.date IS NULL OR substring(p.date, 0, 10) >= listedDate]) AS afterListing,
     reduce(u = [], p IN pays | CASE WHEN p.currency IS NULL OR p.currency IN u THEN u ELSE u + p.currency END) AS currencies
WITH o, b, listings, listedDate, afterListing,
     [p IN pays | {paymentId: p.paymentId, date: p.date, amount: p.amount, currency: p.currency, method: p.method}] AS payments,
     [cur IN currencies | {currency: cur, amount: round(reduce(s = 0.0, p IN pays | s + CASE WHEN p.currency = cur THEN coalesce(p.amount, 0.0) ELSE 0.0 END), 2)}] AS totals
RETURN [{label: CASE WHEN o:Company THEN 'Company' ELSE 'Person' END, key: o.key, name: o.name},
        {label: CASE WHEN b:Company THEN 'Company' ELSE 'Person' END, key: b.key, name: b.name}] AS entities,
       o.name + ' paid ' + b.name + ', listed on ' + reduce(t = '', l IN listings[..2] | t + CASE WHEN t = '' THEN '' ELSE ', ' END + l)
         + CASE WHEN listedDate IS NOT NULL THEN ' since ' + listedDate ELSE '' END + ', ' + toString(size(payments)) + ' time(s) ('
         + reduce(t = '', x IN totals | t + CASE WHEN t = '' THEN '' ELSE ', ' END + toString(x.amount) + ' ' + x.currency) + ')'
         + CASE WHEN afterListing > 0 THEN ', ' + toString(afterListing) + ' of them after the listing' ELSE '' END + '.' AS explanation,
       {payments: payments[..25], totals: totals, listings: listings, listedDate: listedDate, afterListing: afterListing,
        listed: b.key} AS evidence,
       CASE WHEN afterListing > 0 THEN 1.0 ELSE 0.6 END AS score
ORDER BY score DESC, o.key, b.key
