// ---
// id: ingest_mark_broker
// kind: internal
// mode: write
// title: {en: Mark companies as brokers}
// description: "Adds the Broker label and isBroker to companies that arranged shipments."
// parameters:
//   - {name: keys, type: list<string>, default: null, example: ["company:mx:acme"], description: company keys}
// ---
UNWIND $keys AS k
MATCH (n:Company {key: k})
SET n:Broker, n.isBroker = true
