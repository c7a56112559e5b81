"""Apply the graph model's constraints and indexes to whichever store is in use, idempotently.

The one place that knows the DDL differs: Neo4j takes ``CREATE FULLTEXT INDEX`` in Cypher,
ArcadeDB takes full-text indexes only through its SQL. Labels and property names come from
the validated model (a closed list), never from input.
"""

from __future__ import annotations

from workbench.store import embedded
from workbench.store.gateway import Gateway
from workbench.model.graph import GraphModel, load_model
from workbench.settings import Settings


def cypher_ddl(model: GraphModel) -> list[str]:
    """Constraints and range indexes, valid Cypher on both Neo4j 5 and ArcadeDB."""
    statements = []
    for label in model.constrained:
        statements.append(
            f"CREATE CONSTRAINT {label.name.lower()}_{label.key} IF NOT EXISTS "
            f"FOR (n:{label.name}) REQUIRE n.{label.key} IS UNIQUE"
        )
    for label in model.labels.values():
        for prop in label.indexes:
            statements.append(
                f"CREATE INDEX {label.name.lower()}_{prop} IF NOT EXISTS FOR (n:{label.name}) ON (n.{prop})"
            )
    return statements


def neo4j_fulltext_ddl(model: GraphModel) -> list[str]:
    prop = model.fulltext_property
    return [
        f"CREATE FULLTEXT INDEX `{model.fulltext_index_name(label.name)}` IF NOT EXISTS "
        f"FOR (n:{label.name}) ON EACH [n.{prop}]"
        for label in model.searchable
    ]


def arcadedb_fulltext_sql(model: GraphModel) -> list[str]:
    prop = model.fulltext_property
    statements = []
    for label in model.searchable:
        statements += [
            f"CREATE VERTEX TYPE {label.name} IF NOT EXISTS",
            f"CREATE PROPERTY {label.name}.{prop} IF NOT EXISTS STRING",
            f"CREATE INDEX IF NOT EXISTS ON {label.name} ({prop}) FULL_TEXT",
        ]
    return statements


def fulltext_indexes(model: GraphModel | None = None) -> list[str]:
    """The names of the full-text indexes the search query walks, the same on both stores."""
    model = model or load_model()
    return [model.fulltext_index_name(label.name) for label in model.searchable]


def apply_schema(gateway: Gateway, settings: Settings, model: GraphModel | None = None) -> int:
    """Create what is missing; returns the number of statements sent."""
    model = model or load_model()
    statements = cypher_ddl(model)
    for statement in statements:
        gateway.write(statement)
    if gateway.backend == "arcadedb":
        sql = arcadedb_fulltext_sql(model)
        embedded.admin_sql(settings, gateway.database, sql)
        return len(statements) + len(sql)
    fulltext = neo4j_fulltext_ddl(model)
    for statement in fulltext:
        gateway.write(statement)
    return len(statements) + len(fulltext)
