"""Ingest: messy trade records into a resolved, traceable graph (see docs/import-contract.md)."""

from workbench.ingest.runner import FileReport, IngestReport, ingest_path

__all__ = ["FileReport", "IngestReport", "ingest_path"]
