// ---
// id: payment_structuring
// kind: detector
// mode: read
// title: {en: Payments just under a reporting threshold, es: Pagos justo por debajo de un umbral de reporte}
// description:
//   en: >-
//     Originators that made at least minPayments payments in currencies, each just under the reporting threshold
//     (from threshold times one minus margin up to, but not including, the threshold: by default USD 9,000 to
//     9,999.99 under the USD 10,000 currency-transaction report), within windowDays: structuring to avoid the report.
//     A single payment near the threshold, or amounts above it, are not reported.
//   es: >-
//     Ordenantes que hicieron al menos minPayments pagos en currencies, cada uno justo por debajo del umbral de reporte
//     (desde el umbral por uno menos margin hasta el umbral sin incluirlo: por omisión de 9.000 a 9.999,99 USD bajo el
//     reporte de operaciones en efectivo de 10.000 USD), dentro de windowDays: fraccionamiento para evitar el reporte.
//     No se informa un pago aislado cerca del umbral ni los importes que lo superan.
// category: payment-patterns
// severity: medium
// sources:
//   - "FinCEN FIN-2019-A006 (21 August 2019): purchasers structuring money transfers to evade Bank Secrecy Act reporting and recordkeeping requirements (https://www.fincen.gov/)"
//   - "31 CFR 1010.311: currency transaction reports for transactions in currency of more than USD 10,000"
// parameters:
//   - {name: threshold, type: float, default: 10000.0, example: 10000.0, description: the reporting threshold}
//   - {name: margin, type: float, default: 0.1, example: 0.1, description: "how far under the threshold counts as just under (0.1: the top 10%)"}
//   - {name: currencies, type: list<string>, default: ["USD"], example: ["USD"], description: currencies the threshold is written in}
//   - {name: minPayments, type: integer, default: 2, example: 2, description: fewest payments just under the threshold within the window}
//   - {name: windowDays, type: integer, default: 30, example: 30, description: length of the window the payments fall in}
// row: {en: "one originator with its payments just under the threshold in the busiest window", es: "un ordenante con sus pagos justo por debajo del umbral en la ventana de más actividad"}
// explanation:
//   en: >-
//     {{ entities[0].name }} made {{ evidence.payments|length|num }} payments just under the {{ evidence.threshold|num }}
//     {{ evidence.currency }} reporting threshold between {{ evidence.first|date }} and {{ evidence.last|date }}
//     ({% for p in evidence.payments[:4] %}{{ p.amount|num }}{{ ', ' if not loop.last }}{% endfor %}), {{ evidence.total|num }} {{ evidence.currency }}
//     in all, to {{ evidence.beneficiaries|and_list(3) }}.
//   es: >-
//     {{ entities[0].name }} hizo {{ evidence.payments|length|num }} pagos justo por debajo del umbral de reporte de
//     {{ evidence.threshold|num }} {{ evidence.currency }} entre el {{ evidence.first|date }} y el {{ evidence.last|date }}
//     ({% for p in evidence.payments[:4] %}{{ p.amount|num }}{{ ', ' if not loop.last }}{% endfor %}), {{ evidence.total|num }} {{ evidence.currency }}
//     en total, a {{ evidence.beneficiaries|and_list(3) }}.
// ---
MATCH (o)-[:PAID]->(pay:Payment)
WHERE (o:Company OR o:Person) AND toUpper(pay.currency) IN [c IN $currencies | toUpper(c)] AND pay.date IS NOT NULL
  AND pay.amount IS NOT NULL AND pay.amount < $threshold AND pay.amount >= $threshold * (1.0 - $margin)
OPTIONAL MATCH (pay)-[:PAID_TO]->(b)
WITH o, pay, b
ORDER BY pay.date
WITH o, toUpper(pay.currency) AS currency, collect({payment: pay, beneficiary: b.name}) AS paid
WHERE size(paid) >= $minPayments
UNWIND paid AS first
WITH o, currency, first.payment.date AS start,
     [x IN paid WHERE x.payment.date >= first.payment.date
        AND x.payment.date <= toString(date(substring(first.payment.date, 0, 10)) + duration({days: $windowDays}))] AS burst
WHERE size(burst) >= $minPayments
WITH o, currency, start, burst
ORDER BY size(burst) DESC, start
WITH o, currency, collect(burst)[0] AS burst
WITH o, currency,
     [x IN burst | {paymentId: x.payment.paymentId, date: x.payment.date, amount: x.payment.amount, method: x.payment.method,
                    beneficiary: x.beneficiary}] AS payments
WITH o, currency, payments,
     reduce(u = [], p IN payments | CASE WHEN p.beneficiary IS NULL OR p.beneficiary IN u THEN u ELSE u + p.beneficiary END) AS beneficiaries,
     reduce(s = 0.0, p IN payments | s + p.amount) AS total,
     reduce(m = '9999', p IN payments | CASE WHEN p.date < m THEN p.date ELSE m END) AS first,
     reduce(m = '', p IN payments | CASE WHEN p.date > m THEN p.date ELSE m END) AS last
RETURN [{label: CASE WHEN o:Company THEN 'Company' ELSE 'Person' END, key: o.key, name: o.name}] AS entities,
       o.name + ' made ' + toString(size(payments)) + ' payments just under the ' + toString($threshold) + ' ' + currency
         + ' reporting threshold between ' + first + ' and ' + last + ' ('
         + reduce(t = '', p IN payments[..4] | t + CASE WHEN t = '' THEN '' ELSE ', ' END + toString(p.amount)) + '), '
         + toString(round(total, 2)) + ' ' + currency + ' in all, to '
         + CASE WHEN size(beneficiaries) = 0 THEN 'unknown beneficiaries' ELSE reduce(t = '', n IN beneficiaries[..3] | t + CASE WHEN t = '' THEN '' ELSE ', ' END + n) END
         + '.' AS explanation,
       {payments: payments[..25], beneficiaries: beneficiaries[..10], currency: currency, threshold: $threshold,
        total: round(total, 2), first: first, last: last} AS evidence,
       round(CASE WHEN 0.3 + 0.2 * size(payments) > 1.0 THEN 1.0 ELSE 0.3 + 0.2 * size(payments) END, 3) AS score
ORDER BY score DESC, o.key
