"""The graph model as data (labels, relationship types, keys) and its loader."""
