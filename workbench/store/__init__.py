"""The graph store: the one gateway, the embedded server, schema, the query catalogue and its linter."""
