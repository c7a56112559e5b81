"""Investigators' cases: saved selections of entities with notes and layout."""
