// ---
// id: cover_commodities
// kind: detector
// mode: read
// title: {en: Cover-commodity declarations from chemical suppliers or in chemical packaging, es: Declaraciones con mercancía de cobertura de proveedores químicos o en envases químicos}
// description:
//   en: >-
//     Shipments declared as an everyday cover commodity (dog food, nuts, motor oil, candles...: coverTerms, from
//     workbench/data/cover_commodities.yaml) where something says chemical: the shipper also ships chemicals (goods of
//     chemicalChapters or a catalogue chemical), the declared HS code itself is in chemicalChapters, or the
//     description names chemical packaging (drums, IBC, jerrycans...: packagingTerms). Reported per shipper and
//     consignee. A food exporter's dog food in bags is not reported. A weight per piece of about drumKg (a standard
//     chemical drum) adds to the score but never reports on its own.
//   es: >-
//     Envíos declarados como una mercancía común de cobertura (alimento para perro, nueces, aceite de motor, velas...:
//     coverTerms, de workbench/data/cover_commodities.yaml) en los que algo apunta a química: el embarcador también
//     embarca sustancias químicas (mercancía de los capítulos chemicalChapters o una sustancia del catálogo), la
//     fracción declarada está en chemicalChapters, o la descripción nombra envases químicos (tambores, IBC, bidones...:
//     packagingTerms). Se informa por embarcador y consignatario. No se informa el alimento para perro en sacos de un
//     exportador de alimentos. Un peso por bulto cercano a drumKg (un tambor químico estándar) suma a la puntuación
//     pero nunca basta para informar.
// category: cover-commodity
// severity: high
// sources:
//   - "FinCEN FIN-2024-A002 (20 June 2024): PRC suppliers mislabelling precursor shipments to evade customs (https://www.fincen.gov/)"
//   - "US DOJ indictments of PRC chemical companies (June and October 2023): precursors shipped declared as dog food, nuts or motor oil"
//   - "INCB, Precursors report (annual): modus operandi of concealment and misdeclaration of precursors"
// parameters:
//   - {name: chemicalChapters, type: list<string>, default: ["28", "29", "38"], example: ["28", "29"], description: HS chapters (prefixes) that make goods chemical}
//   - {name: drumKg, type: float, default: 25.0, example: 25.0, description: weight per piece of a standard chemical drum or bag}
//   - {name: coverTerms, type: list<string>, default: null, example: ["dog food", "motor oil"], description: "cover-commodity phrases, filled in by the workbench from workbench/data/cover_commodities.yaml"}
//   - {name: packagingTerms, type: list<string>, default: null, example: ["drum", "ibc"], description: "chemical packaging words, filled in by the workbench from workbench/data/cover_commodities.yaml"}
// row: {en: "one shipper and consignee with their cover-commodity declarations and what betrays them", es: "un embarcador y un consignatario con sus declaraciones de mercancía de cobertura y lo que las delata"}
// explanation:
//   en: >-
//     {% set words = {'chemicalSupplier': 'the shipper also ships chemicals', 'chemicalHsCode': 'the HS code is a chemical one', 'packaging': 'the description names chemical packaging', 'drumWeight': 'the weight per piece is that of a chemical drum'} %}{{ entities[0].name }}
//     sent {{ entities[1].name }} {{ evidence.shipments|length|num }} shipment(s) declared as
//     {% for d in (evidence.shipments|map(attribute='description')|unique|list)[:2] %}"{{ d }}"{{ ', ' if not loop.last }}{% endfor %}, though
//     {{ evidence.reasons|map('replace', 'chemicalSupplier', words.chemicalSupplier)|map('replace', 'chemicalHsCode', words.chemicalHsCode)|map('replace', 'packaging', words.packaging)|map('replace', 'drumWeight', words.drumWeight)|and_list }}.
//   es: >-
//     {% set words = {'chemicalSupplier': 'el embarcador también embarca sustancias químicas', 'chemicalHsCode': 'la fracción es de sustancias químicas', 'packaging': 'la descripción nombra envases químicos', 'drumWeight': 'el peso por bulto es el de un tambor químico'} %}{{ entities[0].name }}
//     envió a {{ entities[1].name }} {{ evidence.shipments|length|num }} {{ 'envío declarado' if evidence.shipments|length == 1 else 'envíos declarados' }} como
//     {% for d in (evidence.shipments|map(attribute='description')|unique|list)[:2] %}"{{ d }}"{{ ', ' if not loop.last }}{% endfor %}, aunque
//     {{ evidence.reasons|map('replace', 'chemicalSupplier', words.chemicalSupplier)|map('replace', 'chemicalHsCode', words.chemicalHsCode)|map('replace', 'packaging', words.packaging)|map('replace', 'drumWeight', words.drumWeight)|and_list }}.
// ---
MATCH (p:Company)-[:SHIPPED]->(s:Shipment)-[:CONSIGNED_TO]->(c:Company)
WHERE s.goodsDescription IS NOT NULL
WITH p, c, s, toLower(s.goodsDescription) AS text
WITH p, c, s, text, [t IN $coverTerms WHERE text CONTAINS t] AS covers
WHERE size(covers) > 0
// Whether the shipper ships chemicals is counted once per shipper, not once per cover shipment: a busy shipper's
// tens of thousands of shipments were walked again for each (30 s at 100k manifests). "Another shipment" is the
// count without this one.
WITH p, collect({c: c, s: s, text: text, covers: covers}) AS found
WITH p, found, COUNT { (p)-[:SHIPPED]->(t:Shipment)
                       WHERE any(h IN $chemicalChapters WHERE t.hsCode STARTS WITH h) OR EXISTS { (t)-[:DECLARED_AS]->(:Chemical) } } AS chemicalShipments
UNWIND found AS f
WITH p, f.c AS c, f.s AS s, f.text AS text, f.covers AS covers, chemicalShipments
WITH p, c, s, covers, [t IN $packagingTerms WHERE text CONTAINS t] AS packaging,
     s.hsCode IS NOT NULL AND any(h IN $chemicalChapters WHERE s.hsCode STARTS WITH h) AS chemicalHs,
     chemicalShipments - CASE WHEN any(h IN $chemicalChapters WHERE s.hsCode STARTS WITH h) OR EXISTS { (s)-[:DECLARED_AS]->(:Chemical) }
                              THEN 1 ELSE 0 END > 0 AS chemicalSupplier,
     CASE WHEN s.pieces IS NOT NULL AND s.pieces > 0 AND s.weightKg IS NOT NULL THEN toFloat(s.weightKg) / s.pieces END AS perPiece
WITH p, c, s, covers, packaging, chemicalHs, chemicalSupplier,
     perPiece IS NOT NULL AND abs(perPiece - $drumKg) <= 0.05 * $drumKg AS drumWeight
WHERE chemicalSupplier OR chemicalHs OR size(packaging) > 0
WITH p, c, s, covers, packaging,
     [r IN [CASE WHEN chemicalSupplier THEN 'chemicalSupplier' END, CASE WHEN chemicalHs THEN 'chemicalHsCode' END,
            CASE WHEN size(packaging) > 0 THEN 'packaging' END, CASE WHEN drumWeight THEN 'drumWeight' END] WHERE r IS NOT NULL] AS why
ORDER BY s.declarationDate
WITH p, c,
     collect({billOfLading: s.billOfLading, date: s.declarationDate, hsCode: s.hsCode, description: s.goodsDescription,
              weightKg: s.weightKg, transportMode: coalesce(s.transportMode, 'sea'), cover: covers[0], packaging: packaging}) AS ships,
     collect(why) AS whys
WITH p, c, ships, reduce(u = [], w IN whys | u + [r IN w WHERE NOT r IN u]) AS reasons
RETURN [{label: 'Company', key: p.key, name: p.name}, {label: 'Company', key: c.key, name: c.name}] AS entities,
       p.name + ' sent ' + c.name + ' ' + toString(size(ships)) + ' shipment(s) declared as "' + ships[0].description + '", though '
         + reduce(t = '', r IN reasons | t + CASE WHEN t = '' THEN '' ELSE ', ' END
             + CASE r WHEN 'chemicalSupplier' THEN 'the shipper also ships chemicals' WHEN 'chemicalHsCode' THEN 'the HS code is a chemical one'
                      WHEN 'packaging' THEN 'the description names chemical packaging' ELSE 'the weight per piece is that of a chemical drum' END)
         + '.' AS explanation,
       {shipments: ships[..25], reasons: reasons, covers: reduce(u = [], x IN ships | CASE WHEN x.cover IN u THEN u ELSE u + x.cover END)} AS evidence,
       round(CASE WHEN 0.4 + 0.2 * size(reasons) + 0.05 * size(ships) > 1.0 THEN 1.0
                  ELSE 0.4 + 0.2 * size(reasons) + 0.05 * size(ships) END, 3) AS score
ORDER BY score DESC, p.key, c.key
