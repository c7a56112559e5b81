"""Accounts, roles and the tamper-evident audit trail."""
