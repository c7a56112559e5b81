"""The fictional demo scenario: a seeded generator of companies, shipments and planted networks."""
