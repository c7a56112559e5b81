// ---
// id: ingest_shipments_by_container
// kind: internal
// mode: read
// title: {en: Shipments by container}
// description: "Links seizures to stored shipments through the container number."
// parameters:
//   - {name: containers, type: list<string>, default: null, example: ["container:MSCU1234567"], description: container keys}
// row: one container key and one shipment key
// ---
UNWIND $containers AS c
MATCH (:Container {key: c})<-[:IN_CONTAINER]-(s:Shipment)
RETURN c AS container, s.key AS key
