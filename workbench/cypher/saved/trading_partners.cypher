// ---
// id: trading_partners
// kind: saved
// mode: read
// title: {en: A company's suppliers and customers over time, es: Proveedores y clientes de una empresa en el tiempo}
// description:
//   en: >-
//     Per month, the companies that shipped to or received from one company, with shipment counts, weight and HS
//     codes; direction says whether the partner is a supplier or a customer.
//   es: >-
//     Por mes, las empresas que enviaron a una empresa o recibieron de ella, con número de envíos, peso y códigos
//     SA; direction dice si la contraparte es proveedora o cliente.
// parameters:
//   - {name: key, type: string, default: null, example: "company:acme", description: key of the company, required: true}
//   - {name: fromDate, type: date, default: "1900-01-01", example: "2023-01-01", description: first declaration date}
//   - {name: toDate, type: date, default: "2999-12-31", example: "2024-12-31", description: last declaration date}
// entities: {key: {labels: [Company]}}  # typed as a firm's name in any spelling
// row: {en: "one partner in one month, as supplier or customer", es: "un socio comercial en un mes, como proveedor o cliente"}
// ---
MATCH (c:Company {key: $key})
CALL (c) {
  MATCH (c)<-[:CONSIGNED_TO]-(s:Shipment)<-[:SHIPPED]-(partner:Company)
  RETURN partner, s, 'supplier' AS direction
  UNION
  MATCH (c)-[:SHIPPED]->(s:Shipment)-[:CONSIGNED_TO]->(partner:Company)
  RETURN partner, s, 'customer' AS direction
}
WITH partner, s, direction
WHERE s.declarationDate >= $fromDate AND s.declarationDate <= $toDate
WITH substring(s.declarationDate, 0, 7) AS month, direction, partner, collect(s) AS ships
RETURN month, direction, partner.name AS partner, partner.key AS partnerKey, partner.country AS country,
       size(ships) AS shipments, round(reduce(w = 0.0, s IN ships | w + coalesce(s.weightKg, 0.0)), 1) AS weightKg,
       reduce(u = [], s IN ships | CASE WHEN s.hsCode IS NULL OR s.hsCode IN u THEN u ELSE u + s.hsCode END) AS hsCodes
ORDER BY month, direction, partner
