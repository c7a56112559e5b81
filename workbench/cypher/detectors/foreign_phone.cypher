// ---
// id: foreign_phone
// kind: detector
// mode: read
// title: {en: PRC or Hong Kong phone on a firm of another country, es: Teléfono de China o Hong Kong en una empresa de otro país}
// description:
//   en: >-
//     Companies registered outside the watched regions (by default the PRC and Hong Kong) that declare a phone whose
//     international calling code belongs to one of them (the number's region comes from the phonenumbers library's
//     calling codes). A Chinese firm with a Chinese phone, or a Mexican firm with a Mexican phone, is not reported;
//     a firm without a country is not reported either (nothing says it has no affiliation with the region). The
//     score rises when the firm also received precursor-range goods (declared as a catalogue chemical of one of
//     schedules, or an HS code in hsPrefixes) or shares the phone with a firm of the watched regions.
//   es: >-
//     Empresas registradas fuera de las regiones vigiladas (por omisión China y Hong Kong) que declaran un teléfono
//     cuyo código internacional pertenece a una de ellas (la región del número sale de los códigos de país de la
//     biblioteca phonenumbers). No se informa la empresa china con teléfono chino ni la mexicana con teléfono
//     mexicano, ni la empresa sin país (nada indica que no tenga relación con la región). La puntuación sube si la
//     empresa además recibió mercancía del rango de precursores (declarada como una sustancia del catálogo de alguna
//     de las listas schedules, o con una fracción en hsPrefixes) o comparte el teléfono con una empresa de las
//     regiones vigiladas.
// category: foreign-phone
// severity: low
// sources:
//   - "FinCEN FIN-2024-A002 (20 June 2024): a counterparty with no supposed affiliation with the PRC that uses a PRC-based phone number or IP address affiliated with the website of a Chinese chemical or pharmaceutical company (https://www.fincen.gov/)"
//   - "ITU-T E.164 country calling codes, as published in the phonenumbers library (python port of Google's libphonenumber)"
// parameters:
//   - {name: regions, type: list<string>, default: ["CN", "HK"], example: ["CN", "HK"], description: "regions whose phones are watched (ISO 3166 alpha-2)"}
//   - {name: hsPrefixes, type: list<string>, default: ["2933.3", "2914.31", "2939.4"], example: ["2933.3", "2914.31"], description: HS codes (prefixes) treated as precursor range}
//   - {name: schedules, type: list<string>, default: ["table_i", "surveillance"], example: ["table_i"], description: catalogue schedules whose chemicals count as precursor range}
//   - {name: callingCodes, type: list<map>, default: null, example: [{region: CN, prefix: "+86"}, {region: HK, prefix: "+852"}, {region: MX, prefix: "+52"}], description: "every region's calling code, filled in by the workbench from the phonenumbers library"}
// row: {en: "one company of another country with the watched-region phones it declares", es: "una empresa de otro país con los teléfonos de la región vigilada que declara"}
// explanation:
//   en: >-
//     {{ entities[0].name }} ({{ evidence.country }}) declares {{ evidence.phones|length }} phone(s) of
//     {{ evidence.phones|map(attribute='region')|unique|and_list }}: {{ evidence.phones|map(attribute='number')|and_list(3) }}{% if evidence.precursorShipments %},
//     and received {{ evidence.precursorShipments|num }} precursor-range shipment(s){% endif %}{% if evidence.sharedWith %}; the number is also
//     declared by {{ evidence.sharedWith|and_list(3) }}{% endif %}.
//   es: >-
//     {{ entities[0].name }} ({{ evidence.country }}) declara {{ evidence.phones|length }} {{ 'teléfono' if evidence.phones|length == 1 else 'teléfonos' }} de
//     {{ evidence.phones|map(attribute='region')|unique|and_list }}: {{ evidence.phones|map(attribute='number')|and_list(3) }}{% if evidence.precursorShipments %},
//     y recibió {{ evidence.precursorShipments|num }} {{ 'envío' if evidence.precursorShipments == 1 else 'envíos' }} del rango de precursores{% endif %}{% if evidence.sharedWith %};
//     el número también lo declara {{ evidence.sharedWith|and_list(3) }}{% endif %}.
// ---
MATCH (c:Company)-[:HAS_PHONE]->(ph:Phone)
WHERE c.country IS NOT NULL AND NOT c.country IN $regions AND ph.number STARTS WITH '+'
WITH c, ph, [k IN $callingCodes WHERE k.region IN $regions AND ph.number STARTS WITH k.prefix] AS codes
WHERE size(codes) > 0
WITH c, ph, codes[0].region AS region,
     [(ph)<-[:HAS_PHONE]-(o:Company) WHERE o <> c AND o.country IN $regions | o.name] AS regionFirms
WITH c, collect({number: ph.number, region: region, sharedWithRegionFirms: regionFirms}) AS phones,
     reduce(u = [], x IN collect(regionFirms) | u + [n IN x WHERE NOT n IN u]) AS sharedWith
WITH c, phones, sharedWith,
     COUNT { (s:Shipment)-[:CONSIGNED_TO]->(c)
             WHERE any(p IN $hsPrefixes WHERE s.hsCode STARTS WITH p)
                OR EXISTS { (s)-[:DECLARED_AS]->(k:Chemical) WHERE k.schedule IN $schedules } } AS precursor
WITH c, phones, sharedWith, precursor,
     0.4 + CASE WHEN precursor > 0 THEN 0.3 ELSE 0.0 END + CASE WHEN size(sharedWith) > 0 THEN 0.3 ELSE 0.0 END AS raw
RETURN [{label: 'Company', key: c.key, name: c.name}] AS entities,
       c.name + ' (' + c.country + ') declares ' + toString(size(phones)) + ' phone(s) of '
         + reduce(t = '', r IN reduce(u = [], p IN phones | CASE WHEN p.region IN u THEN u ELSE u + p.region END) | t + CASE WHEN t = '' THEN '' ELSE ', ' END + r)
         + ': ' + reduce(t = '', p IN phones[..3] | t + CASE WHEN t = '' THEN '' ELSE ', ' END + p.number)
         + CASE WHEN precursor > 0 THEN ', and received ' + toString(precursor) + ' precursor-range shipment(s)' ELSE '' END
         + CASE WHEN size(sharedWith) > 0 THEN '; the number is also declared by ' + reduce(t = '', n IN sharedWith[..3] | t + CASE WHEN t = '' THEN '' ELSE ', ' END + n) ELSE '' END
         + '.' AS explanation,
       {country: c.country, phones: phones[..10], precursorShipments: precursor, sharedWith: sharedWith[..10]} AS evidence,
       round(CASE WHEN raw > 1.0 THEN 1.0 ELSE raw END, 3) AS score
ORDER BY score DESC, c.key
