"""Reading the workbench's YAML data files (model, tables, weights, red flags) with one kind of error.

A missing or broken file raises the caller's error class naming the file and what it holds, never a traceback
from the YAML parser; each caller then checks the shape it expects.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from workbench.errors import ModelError, WorkbenchError


def read_yaml(path: Path, what: str, error: type[WorkbenchError] = ModelError) -> Any:
    """The parsed content of ``path``; ``what`` names it in the error (``"the graph model"``)."""
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError as e:
        raise error(f"{path}: {what} not found; restore it from the repository.") from e
    except OSError as e:
        raise error(f"{path}: cannot read {what} ({e.strerror}).") from e
    except yaml.YAMLError as e:
        raise error(f"{path}: {what} is not valid YAML ({e}); fix the file and retry.") from e


def read_mapping(path: Path, what: str, error: type[WorkbenchError] = ModelError) -> dict[str, Any]:
    """Like :func:`read_yaml`, for a file that must hold a mapping."""
    data = read_yaml(path, what, error)
    if not isinstance(data, dict):
        raise error(f"{path}: {what} must be a mapping; fix the file and retry.")
    return data


__all__ = ["read_mapping", "read_yaml"]
