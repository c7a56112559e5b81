// ---
// id: app_date_range
// kind: internal
// mode: read
// title: {en: Range of the data's dates, es: Intervalo de fechas de los datos}
// description: The earliest and latest dates of shipments, seizures, notifications and incorporations, so date inputs accept the whole range of the data. Each read walks one indexed label.
// parameters: []
// row: the earliest and latest date
// ---
CALL {
  MATCH (s:Shipment) WHERE s.declarationDate IS NOT NULL RETURN min(s.declarationDate) AS low, max(s.declarationDate) AS high
  UNION ALL
  MATCH (z:Seizure) WHERE z.date IS NOT NULL RETURN min(z.date) AS low, max(z.date) AS high
  UNION ALL
  MATCH (n:Notification) WHERE n.dispatchDate IS NOT NULL RETURN min(n.dispatchDate) AS low, max(n.dispatchDate) AS high
  UNION ALL
  MATCH (c:Company) WHERE c.incorporationDate IS NOT NULL RETURN min(c.incorporationDate) AS low, max(c.incorporationDate) AS high
}
RETURN min(low) AS low, max(high) AS high
