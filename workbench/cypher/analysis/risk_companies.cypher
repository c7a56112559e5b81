// ---
// id: risk_companies
// kind: internal
// mode: read
// title: {en: Companies by key, es: Empresas por clave}
// description: Name and country of the companies named by findings (workbench/analysis/risk.py).
// parameters:
//   - {name: keys, type: list<string>, default: [], example: ["company:acme"], description: company keys}
// row: one company with its name and country
// ---
UNWIND $keys AS key
MATCH (c:Company {key: key})
RETURN c.key AS key, c.name AS name, c.country AS country, c:Broker OR coalesce(c.isBroker, false) AS broker
