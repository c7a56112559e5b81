// ---
// id: shell_indicators
// kind: detector
// mode: read
// title: {en: Shell-company indicators on a firm trading precursor-range goods, es: Indicios de empresa fachada en una empresa que comercia mercancía del rango de precursores}
// description:
//   en: >-
//     Firms that shipped or received precursor-range goods (declared as a catalogue chemical of one of schedules, or
//     an HS code in hsPrefixes) and show at least minIndicators of these shell-company indicators: a residential
//     address; no website; at least minNameVariants name variants (distinct normalised names across sources, so
//     spellings of one name count once); a registration number that other firms of the same country also use (a
//     number used by more than maxSharers firms is a placeholder, not evidence). One indicator alone is not
//     reported: many small legitimate firms have no website.
//   es: >-
//     Empresas que embarcaron o recibieron mercancía del rango de precursores (declarada como una sustancia del
//     catálogo de alguna de las listas schedules, o con una fracción en hsPrefixes) y muestran al menos
//     minIndicators de estos indicios de empresa fachada: domicilio residencial; sin sitio web; al menos
//     minNameVariants variantes de nombre (nombres normalizados distintos entre fuentes: las grafías de un mismo
//     nombre cuentan una vez); un número de registro que usan otras empresas del mismo país (un número que usan más
//     de maxSharers empresas es un relleno, no una prueba). Un indicio aislado no se informa: muchas empresas
//     pequeñas legítimas no tienen sitio web.
// category: shell-indicators
// severity: medium
// sources:
//   - "FinCEN FIN-2024-A002 (20 June 2024): a chemical or pharmaceutical company with a residential address or a business address shared with similar businesses, no physical presence or other indicators of shell company activity; Mexican firms with little or no web presence (https://www.fincen.gov/)"
//   - "FinCEN FIN-2019-A006 (21 August 2019), advisory on illicit financial schemes related to fentanyl: front and shell companies"
// parameters:
//   - {name: hsPrefixes, type: list<string>, default: ["2933.3", "2914.31", "2939.4"], example: ["2933.3", "2914.31"], description: HS codes (prefixes) treated as precursor range}
//   - {name: schedules, type: list<string>, default: ["table_i", "surveillance"], example: ["table_i"], description: catalogue schedules whose chemicals count as precursor range}
//   - {name: minIndicators, type: integer, default: 2, example: 2, description: fewest indicators that must coincide}
//   - {name: minNameVariants, type: integer, default: 3, example: 3, description: distinct normalised names that count as many name variants}
//   - {name: maxSharers, type: integer, default: 5, example: 5, description: a registration number used by more firms than this is ignored}
// row: {en: "one firm trading precursor-range goods with the shell indicators that coincide on it", es: "una empresa que comercia mercancía en el rango de precursores con los indicios de empresa fachada que coinciden en ella"}
// explanation:
//   en: >-
//     {% set words = {'residential': 'a residential address', 'noWebsite': 'no website', 'nameVariants': 'many name variants', 'sharedRegistration': 'a registration number shared with other firms'} %}{{ entities[0].name }}
//     trades precursor-range goods ({{ evidence.precursorShipments|num }} shipment(s)) and shows
//     {{ evidence.indicators|length }} shell-company indicators: {{ evidence.indicators|map(attribute='indicator')|map('replace', 'residential', words.residential)|map('replace', 'noWebsite', words.noWebsite)|map('replace', 'nameVariants', words.nameVariants)|map('replace', 'sharedRegistration', words.sharedRegistration)|and_list }}.
//   es: >-
//     {% set words = {'residential': 'domicilio residencial', 'noWebsite': 'sin sitio web', 'nameVariants': 'muchas variantes de nombre', 'sharedRegistration': 'un número de registro compartido con otras empresas'} %}{{ entities[0].name }}
//     comercia mercancía del rango de precursores ({{ evidence.precursorShipments|num }} {{ 'envío' if evidence.precursorShipments == 1 else 'envíos' }}) y muestra
//     {{ evidence.indicators|length }} indicios de empresa fachada: {{ evidence.indicators|map(attribute='indicator')|map('replace', 'residential', words.residential)|map('replace', 'noWebsite', words.noWebsite)|map('replace', 'nameVariants', words.nameVariants)|map('replace', 'sharedRegistration', words.sharedRegistration)|and_list }}.
// ---
// The firm's own record and the registry first: a firm that cannot show minIndicators even with a shared
// registration number is left before its shipments are read (at a million rows they are nearly all the work).
MATCH (c:Company)
WITH c, [(c)-[:HAS_ADDRESS]->(a:Address) WHERE a.residential = true | coalesce(a.full, a.key)] AS homes,
     CASE WHEN c.nameKeys IS NOT NULL AND size(c.nameKeys) > 0 THEN c.nameKeys ELSE coalesce(c.names, []) END AS variants,
     c.registrationNumber IS NOT NULL AND trim(c.registrationNumber) <> '' AS registered
WHERE CASE WHEN size(homes) > 0 THEN 1 ELSE 0 END + CASE WHEN c.website IS NULL OR trim(c.website) = '' THEN 1 ELSE 0 END
      + CASE WHEN size(variants) >= $minNameVariants THEN 1 ELSE 0 END + CASE WHEN registered THEN 1 ELSE 0 END
      >= $minIndicators
OPTIONAL MATCH (o:Company)
WHERE registered AND o.registrationNumber = c.registrationNumber
  AND o <> c AND (o.country IS NULL OR c.country IS NULL OR o.country = c.country)
WITH c, homes, variants, collect(DISTINCT o.name) AS sharers
WITH c,
     [x IN [
        CASE WHEN size(homes) > 0 THEN {indicator: 'residential', detail: homes[0]} END,
        CASE WHEN c.website IS NULL OR trim(c.website) = '' THEN {indicator: 'noWebsite', detail: null} END,
        CASE WHEN size(variants) >= $minNameVariants THEN {indicator: 'nameVariants', detail: variants[..5]} END,
        CASE WHEN size(sharers) > 0 AND size(sharers) + 1 <= $maxSharers
             THEN {indicator: 'sharedRegistration', detail: {number: c.registrationNumber, firms: sharers[..5]}} END
      ] WHERE x IS NOT NULL] AS indicators
WHERE size(indicators) >= $minIndicators
MATCH (c)-[:SHIPPED|CONSIGNED_TO]-(s:Shipment)
WHERE any(p IN $hsPrefixes WHERE s.hsCode STARTS WITH p)
   OR EXISTS { (s)-[:DECLARED_AS]->(k:Chemical) WHERE k.schedule IN $schedules }
WITH c, indicators, count(DISTINCT s) AS precursor
RETURN [{label: 'Company', key: c.key, name: c.name}] AS entities,
       c.name + ' trades precursor-range goods (' + toString(precursor) + ' shipment(s)) and shows '
         + toString(size(indicators)) + ' shell-company indicators: '
         + reduce(t = '', x IN indicators | t + CASE WHEN t = '' THEN '' ELSE ', ' END
             + CASE x.indicator WHEN 'residential' THEN 'a residential address' WHEN 'noWebsite' THEN 'no website'
                 WHEN 'nameVariants' THEN 'many name variants' ELSE 'a registration number shared with other firms' END)
         + '.' AS explanation,
       {precursorShipments: precursor, indicators: indicators, website: c.website,
        registrationNumber: c.registrationNumber} AS evidence,
       round(CASE WHEN 0.25 * size(indicators) + 0.2 > 1.0 THEN 1.0 ELSE 0.25 * size(indicators) + 0.2 END, 3) AS score
ORDER BY score DESC, c.key
