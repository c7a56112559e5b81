// ---
// id: small_parcels
// kind: detector
// mode: read
// title: {en: Repeated small parcels of precursor-range goods to one recipient, es: Paquetes pequeños repetidos de mercancía del rango de precursores a un destinatario}
// description:
//   en: >-
//     Recipients of at least minParcels courier or postal parcels (transportMode in modes) each lighter than
//     maxWeightKg, of precursor-range goods (declared as a catalogue chemical of one of schedules, or an HS code in
//     hsPrefixes), within windowDays of each other. One sample parcel to a laboratory, or parcels of other goods,
//     are not reported; the score rises with the number of parcels and of senders.
//   es: >-
//     Destinatarios de al menos minParcels paquetes de mensajería o de correo (transportMode en modes), cada uno de
//     menos de maxWeightKg, con mercancía del rango de precursores (declarada como una sustancia del catálogo de
//     alguna de las listas schedules, o con una fracción en hsPrefixes), dentro de windowDays unos de otros. No se
//     informa una muestra aislada a un laboratorio ni los paquetes de otra mercancía; la puntuación sube con el número
//     de paquetes y de remitentes.
// category: small-parcels
// severity: high
// sources:
//   - "FinCEN FIN-2024-A002 (20 June 2024) and FIN-2019-A006 (21 August 2019): precursors and synthetic opioids shipped from the PRC in small quantities by express courier and international mail (https://www.fincen.gov/)"
//   - "CBP counter-synthetic-drug strategy (2023): most precursor seizures come from unmanifested or mis-manifested de minimis parcels"
// parameters:
//   - {name: modes, type: list<string>, default: ["courier", "post"], example: ["courier", "post"], description: transport modes that are parcels}
//   - {name: maxWeightKg, type: float, default: 5.0, example: 5.0, description: a parcel lighter than this is small}
//   - {name: minParcels, type: integer, default: 3, example: 3, description: fewest small parcels within the window}
//   - {name: windowDays, type: integer, default: 90, example: 90, description: length of the window the parcels fall in}
//   - {name: hsPrefixes, type: list<string>, default: ["2933.3", "2914.31", "2939.4"], example: ["2933.3", "2914.31"], description: HS codes (prefixes) treated as precursor range}
//   - {name: schedules, type: list<string>, default: ["table_i", "surveillance"], example: ["table_i"], description: catalogue schedules whose chemicals count as precursor range}
// row: {en: "one recipient with its small precursor-range parcels in the busiest window", es: "un destinatario con sus paquetes pequeños en el rango de precursores en la ventana de más actividad"}
// explanation:
//   en: >-
//     {{ entities[0].name }} received {{ evidence.parcels|length|num }} {{ evidence.modes|and_list }} parcels of
//     precursor-range goods, each under {{ evidence.maxWeightKg|num }} kg ({{ evidence.totalKg|num }} kg in all), between
//     {{ evidence.first|date }} and {{ evidence.last|date }} from {{ evidence.senders|length|num }} sender(s){% if evidence.senders %}:
//     {{ evidence.senders|and_list(3) }}{% endif %}.
//   es: >-
//     {% set word = {'courier': 'de mensajería', 'post': 'postales'} %}{{ entities[0].name }} recibió {{ evidence.parcels|length|num }} paquetes
//     {{ evidence.modes|map('replace', 'courier', word.courier)|map('replace', 'post', word.post)|and_list }} con mercancía del rango de
//     precursores, cada uno de menos de {{ evidence.maxWeightKg|num }} kg ({{ evidence.totalKg|num }} kg en total), entre el
//     {{ evidence.first|date }} y el {{ evidence.last|date }}, de {{ evidence.senders|length|num }} {{ 'remitente' if evidence.senders|length == 1 else 'remitentes' }}{% if evidence.senders %}:
//     {{ evidence.senders|and_list(3) }}{% endif %}.
// ---
MATCH (s:Shipment)-[:CONSIGNED_TO]->(c)
WHERE (c:Company OR c:Person) AND coalesce(s.transportMode, 'sea') IN $modes
  AND s.weightKg IS NOT NULL AND s.weightKg < $maxWeightKg AND s.declarationDate IS NOT NULL
  AND (any(p IN $hsPrefixes WHERE s.hsCode STARTS WITH p) OR EXISTS { (s)-[:DECLARED_AS]->(k:Chemical) WHERE k.schedule IN $schedules })
WITH c, collect(s) AS parcels
WHERE size(parcels) >= $minParcels
UNWIND parcels AS first
WITH c, first.declarationDate AS start,
     [p IN parcels WHERE p.declarationDate >= first.declarationDate
        AND p.declarationDate <= toString(date(first.declarationDate) + duration({days: $windowDays}))] AS burst
WHERE size(burst) >= $minParcels
WITH c, start, burst
ORDER BY size(burst) DESC, start
WITH c, collect(burst)[0] AS burst
UNWIND burst AS p
OPTIONAL MATCH (sender)-[:SHIPPED]->(p)
WITH c, burst, p, sender
ORDER BY p.declarationDate
WITH c, burst, collect({trackingNumber: coalesce(p.trackingNumber, p.billOfLading), date: p.declarationDate, weightKg: p.weightKg,
                        mode: coalesce(p.transportMode, 'sea'), carrier: p.carrier, description: p.goodsDescription}) AS shown,
     collect(DISTINCT sender.name) AS senders
WITH c, shown, senders, reduce(w = 0.0, x IN shown | w + x.weightKg) AS total,
     reduce(u = [], x IN shown | CASE WHEN x.mode IN u THEN u ELSE u + x.mode END) AS modes
RETURN [{label: CASE WHEN c:Company THEN 'Company' ELSE 'Person' END, key: c.key, name: c.name}] AS entities,
       c.name + ' received ' + toString(size(shown)) + ' ' + reduce(t = '', m IN modes | t + CASE WHEN t = '' THEN '' ELSE '/' END + m)
         + ' parcels of precursor-range goods, each under ' + toString($maxWeightKg) + ' kg (' + toString(round(total, 2))
         + ' kg in all), between ' + shown[0].date + ' and ' + shown[-1].date + ' from ' + toString(size(senders)) + ' sender(s)'
         + CASE WHEN size(senders) > 0 THEN ': ' + reduce(t = '', n IN senders[..3] | t + CASE WHEN t = '' THEN '' ELSE ', ' END + n) ELSE '' END
         + '.' AS explanation,
       {parcels: shown[..25], senders: senders[..10], modes: modes, totalKg: round(total, 2), maxWeightKg: $maxWeightKg,
        first: shown[0].date, last: shown[-1].date} AS evidence,
       round(CASE WHEN 0.3 + 0.1 * size(shown) + 0.1 * size(senders) > 1.0 THEN 1.0
                  ELSE 0.3 + 0.1 * size(shown) + 0.1 * size(senders) END, 3) AS score
ORDER BY score DESC, c.key
