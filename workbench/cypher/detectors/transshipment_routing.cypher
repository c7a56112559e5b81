// ---
// id: transshipment_routing
// kind: detector
// mode: read
// title: {en: Precursor-range goods routed through third countries or to another destination, es: Mercancía del rango de precursores desviada por terceros países o a otro destino}
// description:
//   en: >-
//     Consignees of precursor-range shipments (declared as a catalogue chemical of one of schedules, or an HS code in hsPrefixes) whose final
//     destination differs from the consignee's country, or that transited ports in watched routing countries.
//     Ordinary transshipment through hub ports with the goods ending in the consignee's country is not reported.
//   es: >-
//     Consignatarios de envíos del rango de precursores (declarados como una sustancia del catálogo de alguna de las
//     listas schedules, o con una fracción en hsPrefixes) cuyo destino final es otro país que el del consignatario, o que
//     transitaron por puertos de países de tránsito vigilados. No se informa el transbordo ordinario por puertos
//     concentradores cuando la mercancía termina en el país del consignatario.
// category: transshipment
// severity: medium
// parameters:
//   - {name: hsPrefixes, type: list<string>, default: ["2933.3", "2914.31", "2939.4"], example: ["2933.3", "2914.31"], description: HS codes (prefixes) treated as precursor range}
//   - {name: schedules, type: list<string>, default: ["table_i", "surveillance"], example: ["table_i"], description: catalogue schedules whose chemicals count as precursor range}
//   - {name: watchedTransit, type: list<string>, default: ["US", "GT"], example: ["US", "GT"], description: countries whose transit ports are a known diversion route (ISO 3166 alpha-2)}
// row: {en: "one consignee with its diverted or oddly routed precursor-range shipments", es: "un consignatario con sus envíos en el rango de precursores desviados o con rutas anómalas"}
// explanation:
//   en: >-
//     {{ entities[0].name }} received precursor-range shipments routed oddly: {{ evidence.diverted|num }} with a final
//     destination in another country, {{ evidence.viaWatchedTransit|num }} through watched transit countries.
//   es: >-
//     {{ entities[0].name }} recibió envíos del rango de precursores con rutas anómalas: {{ evidence.diverted|num }} con
//     destino final en otro país y {{ evidence.viaWatchedTransit|num }} en tránsito por países vigilados.
// ---
MATCH (s:Shipment)-[:CONSIGNED_TO]->(c:Company)
WHERE (any(p IN $hsPrefixes WHERE s.hsCode STARTS WITH p) OR EXISTS { (s)-[:DECLARED_AS]->(k:Chemical) WHERE k.schedule IN $schedules })
WITH s, c,
     [(s)-[t:TRANSITED]->(p:Port) WHERE p.country IN $watchedTransit | p.code] AS watched,
     CASE WHEN s.finalDestinationCountry IS NOT NULL AND c.country IS NOT NULL
               AND s.finalDestinationCountry <> c.country THEN s.finalDestinationCountry END AS elsewhere
WHERE size(watched) > 0 OR elsewhere IS NOT NULL
WITH c, collect({billOfLading: s.billOfLading, date: s.declarationDate, hsCode: s.hsCode,
                 transit: watched, finalDestination: s.finalDestinationCountry}) AS ships,
     sum(CASE WHEN elsewhere IS NOT NULL THEN 1 ELSE 0 END) AS diverted,
     sum(CASE WHEN size(watched) > 0 THEN 1 ELSE 0 END) AS viaWatched
RETURN [{label: 'Company', key: c.key, name: c.name}] AS entities,
       c.name + ' (' + coalesce(c.country, '?') + ') received ' + toString(size(ships))
         + ' precursor-range shipment(s) routed oddly: ' + toString(diverted) + ' with a final destination in another country, '
         + toString(viaWatched) + ' through watched transit countries.' AS explanation,
       {shipments: ships[..25], diverted: diverted, viaWatchedTransit: viaWatched} AS evidence,
       round(CASE WHEN 0.3 + 0.25 * diverted + 0.15 * viaWatched > 1.0 THEN 1.0
                  ELSE 0.3 + 0.25 * diverted + 0.15 * viaWatched END, 3) AS score
ORDER BY score DESC, c.key
