// ---
// id: seizure_links
// kind: saved
// mode: read
// title: {en: Everything linked to a seizure, es: Todo lo vinculado a un aseguramiento}
// description:
//   en: >-
//     A seizure with the shipment it came from, the substance found, the port, the containers, the shipper,
//     consignee, notify party and broker of the shipment, and those companies' officers, addresses, phones, e-mails
//     and listings.
//   es: >-
//     Un aseguramiento con el envío del que procede, la sustancia hallada, el puerto, los contenedores, el
//     remitente, el consignatario, la parte a notificar y el agente del envío, y los directivos, domicilios,
//     teléfonos, correos y listas de esas empresas.
// parameters:
//   - {name: key, type: string, default: null, example: "seizure:z-1", description: key of the seizure, required: true}
// entities: {key: {labels: [Seizure]}}  # typed as a seizure id (SZ-2023-0003) or key
// row: {en: "one path from the seizure to something linked to it", es: "una ruta del aseguramiento a algo vinculado con él"}
// ---
MATCH (z:Seizure {key: $key})
CALL (z) {
  MATCH p = (z)-[:SEIZED_FROM|FOUND|SEIZED_AT|IN_CONTAINER]->()
  RETURN p
  UNION
  MATCH p = (z)-[:SEIZED_FROM]->(:Shipment)-[:SHIPPED|CONSIGNED_TO|NOTIFY_PARTY|ARRANGED|DECLARED_AS|LADEN_AT|TRANSITED|DISCHARGED_AT|IN_CONTAINER]-()
  RETURN p
  UNION
  MATCH p = (z)-[:SEIZED_FROM]->(:Shipment)-[:SHIPPED|CONSIGNED_TO|NOTIFY_PARTY|ARRANGED]-(:Company)-[:OFFICER_OF|HAS_ADDRESS|HAS_PHONE|HAS_EMAIL|LISTED_ON]-()
  RETURN p
}
RETURN p AS path, [n IN nodes(p) | n.key] AS keys, length(p) AS hops
ORDER BY hops
