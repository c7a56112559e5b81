#!/usr/bin/env node
// Lints Cypher queries with Neo4j's official linter (@neo4j-cypher/language-support).
//
// Why a batch tool: starting node and loading the linter (~25 MB of transpiled
// Neo4j front end) takes most of a second, so every query of a run is linted in
// one process.
//
// stdin:  either an array  [{"id", "path", "query", "parameters": {name: example}}]
//         or an object     {"queries": [...], "labels": [...],
//                           "relationshipTypes": [...], "propertyKeys": [...]}
// stdout: [{"id", "path", "diagnostics": [{"severity": "error"|"warning",
//                                          "message", "line", "column"}]}]
//         line and column are 1-based (the linter's own are 0-based).
// exit:   0 when the input was linted (whatever the diagnostics), 2 on bad input.
//
// The schema given to the linter:
// - parameters: exactly the ones each query declares, so an undeclared $param is
//   an error ("Parameter $x is not defined.");
// - Cypher 5 (the package only checks Cypher 25 behind an internal flag that
//   stays off);
// - the built-in Neo4j 5 procedures and functions, taken from the catalogue the
//   package ships (testData.mockSchema, dumped from a Neo4j 5 server) with the
//   APOC and GDS plugin entries removed, so an unknown or misspelt procedure or
//   function is an error and a wrong YIELD column is reported;
// - labels / relationship types / property keys when given. The linter warns
//   about unknown labels and relationship types only when BOTH lists are given;
//   property keys are accepted but this linter version does not check them.

import { createRequire } from 'node:module';

// The package's ESM build uses extension-less imports that node cannot load;
// its CommonJS build works, so load it through require.
const require = createRequire(import.meta.url);
const { lintCypherQuery, testData } = require('@neo4j-cypher/language-support');

const CYPHER_VERSION = 'CYPHER 5';
const PLUGIN_NAMESPACES = /^(apoc|gds)\./;

// Signatures of the standard procedures the project calls, used only if the
// shipped catalogue lacks them (it has them in the pinned version).
function procedure(name, mode, args, returns, signature) {
  const field = ([n, type]) => ({ name: n, type, description: '', isDeprecated: false });
  return {
    name,
    description: '',
    mode,
    worksOnSystem: true,
    argumentDescription: args.map(field),
    returnDescription: returns.map(field),
    signature,
    admin: false,
    option: { deprecated: false },
  };
}

const REQUIRED_PROCEDURES = [
  procedure(
    'db.index.fulltext.queryNodes',
    'READ',
    [['indexName', 'STRING'], ['queryString', 'STRING'], ['options', 'MAP']],
    [['node', 'NODE'], ['score', 'FLOAT']],
    'db.index.fulltext.queryNodes(indexName :: STRING, queryString :: STRING, options = {} :: MAP) :: (node :: NODE, score :: FLOAT)',
  ),
  procedure('db.labels', 'READ', [], [['label', 'STRING']], 'db.labels() :: (label :: STRING)'),
  procedure(
    'db.relationshipTypes',
    'READ',
    [],
    [['relationshipType', 'STRING']],
    'db.relationshipTypes() :: (relationshipType :: STRING)',
  ),
  procedure(
    'dbms.components',
    'DBMS',
    [],
    [['name', 'STRING'], ['versions', 'LIST<STRING>'], ['edition', 'STRING']],
    'dbms.components() :: (name :: STRING, versions :: LIST<STRING>, edition :: STRING)',
  ),
];

/** Built-in Neo4j 5 procedures and functions (no plugins); functions is null when unknown. */
function builtInCatalogue() {
  const shipped = testData?.mockSchema ?? {};
  const procedures = {};
  for (const [name, proc] of Object.entries(shipped.procedures?.[CYPHER_VERSION] ?? {})) {
    if (!PLUGIN_NAMESPACES.test(name)) procedures[name] = proc;
  }
  for (const proc of REQUIRED_PROCEDURES) {
    if (!(proc.name in procedures)) procedures[proc.name] = proc;
  }
  const shippedFunctions = shipped.functions?.[CYPHER_VERSION];
  let functions = null; // without a catalogue, leave functions unchecked rather than flag them all
  if (shippedFunctions) {
    functions = {};
    for (const [name, fn] of Object.entries(shippedFunctions)) {
      if (fn.isBuiltIn && !PLUGIN_NAMESPACES.test(name)) functions[name] = fn;
    }
  }
  return { procedures, functions };
}

function fail(message) {
  process.stderr.write(`cypher-lint: ${message}\n`);
  process.exit(2);
}

function stringList(value, key) {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) {
    fail(`"${key}" must be a list of strings`);
  }
  return value;
}

/** Accepts the bare array or the object form; returns {queries, labels, ...}. */
function normaliseInput(input) {
  if (Array.isArray(input)) return { queries: input };
  if (input && typeof input === 'object' && Array.isArray(input.queries)) {
    return {
      queries: input.queries,
      labels: stringList(input.labels, 'labels'),
      relationshipTypes: stringList(input.relationshipTypes, 'relationshipTypes'),
      propertyKeys: stringList(input.propertyKeys, 'propertyKeys'),
    };
  }
  fail('input must be a JSON array of queries or an object with a "queries" array');
}

function toDiagnostic(d) {
  return {
    // vscode DiagnosticSeverity: 1 Error, 2 Warning, 3 Information, 4 Hint.
    severity: d.severity === 1 ? 'error' : 'warning',
    message: d.message,
    line: d.range.start.line + 1,
    column: d.range.start.character + 1,
  };
}

function lintOne(item, index, base) {
  if (!item || typeof item !== 'object' || typeof item.query !== 'string') {
    fail(`query #${index} must be an object with a string "query"`);
  }
  const parameters = item.parameters ?? {};
  if (typeof parameters !== 'object' || Array.isArray(parameters)) {
    fail(`query #${index} ("${item.id ?? ''}"): "parameters" must be an object`);
  }
  // The linter treats a parameter as declared when its value is not undefined.
  const declared = {};
  for (const [name, value] of Object.entries(parameters)) declared[name] = value ?? null;

  let diagnostics;
  try {
    diagnostics = lintCypherQuery(item.query, { ...base, parameters: declared }, false).map(toDiagnostic);
  } catch (err) {
    diagnostics = [
      { severity: 'error', message: `linter crashed on this query: ${err?.message ?? err}`, line: 1, column: 1 },
    ];
  }
  return { id: String(item.id ?? ''), path: String(item.path ?? ''), diagnostics };
}

async function readStdin() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

async function main() {
  let input;
  try {
    input = JSON.parse(await readStdin());
  } catch (err) {
    fail(`stdin is not valid JSON: ${err.message}`);
  }
  const { queries, labels, relationshipTypes, propertyKeys } = normaliseInput(input);
  const { procedures, functions } = builtInCatalogue();
  const base = {
    defaultLanguage: CYPHER_VERSION,
    procedures: { [CYPHER_VERSION]: procedures },
    ...(functions ? { functions: { [CYPHER_VERSION]: functions } } : {}),
    ...(labels ? { labels } : {}),
    ...(relationshipTypes ? { relationshipTypes } : {}),
    ...(propertyKeys ? { propertyKeys } : {}),
  };
  const results = queries.map((item, index) => lintOne(item, index, base));
  process.stdout.write(JSON.stringify(results));
}

await main();
