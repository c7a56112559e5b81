// ---
// id: virtual_currency_chemical_sellers
// kind: detector
// mode: read
// title: {en: Virtual-currency payments to chemical sellers, es: Pagos en moneda virtual a vendedores de sustancias químicas}
// description:
//   en: >-
//     Payers that sent virtual-currency payments (methods) to a chemical seller: a firm that shipped goods of
//     chemicalChapters (HS chapters 28, 29 and 38 by default) or a catalogue chemical. The score rises when the seller
//     shipped precursor-range goods (declared as a catalogue chemical of one of schedules, or an HS code in
//     hsPrefixes) and when it shipped them to the payer. Virtual-currency payments to other sellers, and wires to
//     chemical sellers, are not reported.
//   es: >-
//     Pagadores que enviaron pagos en moneda virtual (methods) a un vendedor de sustancias químicas: una empresa que
//     embarcó mercancía de los capítulos chemicalChapters (por omisión los capítulos 28, 29 y 38 del SA) o una
//     sustancia del catálogo. La puntuación sube si el vendedor embarcó mercancía del rango de precursores (declarada
//     como una sustancia del catálogo de alguna de las listas schedules, o con una fracción en hsPrefixes) y si se la
//     embarcó al pagador. No se informan los pagos en moneda virtual a otros vendedores ni las transferencias a
//     vendedores de sustancias químicas.
// category: payment-patterns
// severity: high
// sources:
//   - "FinCEN FIN-2024-A002 (20 June 2024): PRC chemical suppliers that accept virtual currency, and wallets linked to them (https://www.fincen.gov/)"
//   - "FinCEN FIN-2019-A006 (21 August 2019): purchases from foreign suppliers paid in convertible virtual currency such as bitcoin"
// parameters:
//   - {name: methods, type: list<string>, default: ["virtual_currency"], example: ["virtual_currency"], description: payment methods counted}
//   - {name: chemicalChapters, type: list<string>, default: ["28", "29", "38"], example: ["28", "29"], description: HS chapters (prefixes) that make a shipper a chemical seller}
//   - {name: hsPrefixes, type: list<string>, default: ["2933.3", "2914.31", "2939.4"], example: ["2933.3", "2914.31"], description: HS codes (prefixes) treated as precursor range}
//   - {name: schedules, type: list<string>, default: ["table_i", "surveillance"], example: ["table_i"], description: catalogue schedules whose chemicals count as precursor range}
// row: {en: "one payer and the chemical seller it paid in virtual currency", es: "un ordenante y el vendedor de sustancias químicas al que pagó en moneda virtual"}
// explanation:
//   en: >-
//     {{ entities[0].name }} paid the chemical seller {{ entities[1].name }} {{ evidence.payments|length|num }} time(s) in
//     virtual currency ({% for t in evidence.totals %}{{ t.amount|num(8) }} {{ t.currency }}{{ ', ' if not loop.last }}{% endfor %}{% if evidence.wallets %}, wallet
//     {{ evidence.wallets|and_list(2) }}{% endif %}){% if evidence.sellerPrecursorShipments %}; the seller shipped {{ evidence.sellerPrecursorShipments|num }}
//     precursor-range shipment(s){% if evidence.shipmentsToPayer %}, {{ evidence.shipmentsToPayer|num }} of them to the payer{% endif %}{% endif %}.
//   es: >-
//     {{ entities[0].name }} pagó al vendedor de sustancias químicas {{ entities[1].name }} {{ evidence.payments|length|num }}
//     {{ 'vez' if evidence.payments|length == 1 else 'veces' }} en moneda virtual ({% for t in evidence.totals %}{{ t.amount|num(8) }} {{ t.currency }}{{ ', ' if not loop.last }}{% endfor %}{% if evidence.wallets %}, monedero
//     {{ evidence.wallets|and_list(2) }}{% endif %}){% if evidence.sellerPrecursorShipments %}; el vendedor embarcó {{ evidence.sellerPrecursorShipments|num }}
//     {{ 'envío' if evidence.sellerPrecursorShipments == 1 else 'envíos' }} del rango de precursores{% if evidence.shipmentsToPayer %}, {{ evidence.shipmentsToPayer|num }} de ellos al pagador{% endif %}{% endif %}.
// ---
MATCH (o)-[:PAID]->(pay:Payment)-[:PAID_TO]->(b:Company)
WHERE (o:Company OR o:Person) AND o <> b AND pay.method IN $methods
  AND EXISTS { (b)-[:SHIPPED]->(t:Shipment)
               WHERE any(h IN $chemicalChapters WHERE t.hsCode STARTS WITH h) OR EXISTS { (t)-[:DECLARED_AS]->(:Chemical) } }
WITH o, b, collect(pay) AS pays
WITH o, b, pays,
     COUNT { (b)-[:SHIPPED]->(s:Shipment)
             WHERE any(p IN $hsPrefixes WHERE s.hsCode STARTS WITH p)
                OR EXISTS { (s)-[:DECLARED_AS]->(k:Chemical) WHERE k.schedule IN $schedules } } AS precursor,
     COUNT { (b)-[:SHIPPED]->(s:Shipment)-[:CONSIGNED_TO]->(o)
             WHERE any(p IN $hsPrefixes WHERE s.hsCode STARTS WITH p)
                OR EXISTS { (s)-[:DECLARED_AS]->(k:Chemical) WHERE k.schedule IN $schedules } } AS toPayer,
     reduce(u = [], p IN pays | CASE WHEN p.currency IS NULL OR p.currency IN u THEN u ELSE u + p.currency END) AS currencies
WITH o, b, precursor, toPayer,
     [p IN pays | {paymentId: p.paymentId, date: p.date, amount: p.amount, currency: p.currency, wallet: p.walletAddress}] AS payments,
     [cur IN currencies | {currency: cur, amount: round(reduce(s = 0.0, p IN pays | s + CASE WHEN p.currency = cur THEN coalesce(p.amount, 0.0) ELSE 0.0 END), 6)}] AS totals,
     reduce(u = [], p IN pays | CASE WHEN p.walletAddress IS NULL OR p.walletAddress IN u THEN u ELSE u + p.walletAddress END) AS wallets
WITH o, b, precursor, toPayer, payments, totals, wallets,
     0.5 + CASE WHEN precursor > 0 THEN 0.25 ELSE 0.0 END + CASE WHEN toPayer > 0 THEN 0.25 ELSE 0.0 END AS raw
RETURN [{label: CASE WHEN o:Company THEN 'Company' ELSE 'Person' END, key: o.key, name: o.name},
        {label: 'Company', key: b.key, name: b.name}] AS entities,
       o.name + ' paid the chemical seller ' + b.name + ' ' + toString(size(payments)) + ' time(s) in virtual currency ('
         + reduce(t = '', x IN totals | t + CASE WHEN t = '' THEN '' ELSE ', ' END + toString(x.amount) + ' ' + x.currency)
         + CASE WHEN size(wallets) > 0 THEN CASE WHEN size(totals) > 0 THEN ', ' ELSE '' END + 'wallet ' + wallets[0] ELSE '' END + ')'
         + CASE WHEN precursor > 0 THEN '; the seller shipped ' + toString(precursor) + ' precursor-range shipment(s)'
                + CASE WHEN toPayer > 0 THEN ', ' + toString(toPayer) + ' of them to the payer' ELSE '' END ELSE '' END
         + '.' AS explanation,
       {payments: payments[..25], totals: totals, wallets: wallets[..10], sellerPrecursorShipments: precursor,
        shipmentsToPayer: toPayer} AS evidence,
       round(raw, 3) AS score
ORDER BY score DESC, o.key, b.key
