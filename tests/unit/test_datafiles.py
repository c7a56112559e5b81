"""Every data file is read the same way: a missing or broken file names itself and what it holds."""

from __future__ import annotations

from pathlib import Path

import pytest

from workbench.datafiles import read_mapping, read_yaml
from workbench.errors import ConfigurationError, ModelError


def test_a_missing_file_says_which_and_what(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match=r"weights\.yaml: the risk weights not found"):
        read_yaml(tmp_path / "weights.yaml", "the risk weights")


def test_broken_yaml_and_a_list_are_refused_with_the_callers_error(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    broken.write_text("a: [1, 2\n", encoding="utf-8")
    with pytest.raises(ConfigurationError, match="the red-flag categories is not valid YAML"):
        read_yaml(broken, "the red-flag categories", ConfigurationError)
    listed = tmp_path / "listed.yaml"
    listed.write_text("- a\n- b\n", encoding="utf-8")
    with pytest.raises(ModelError, match="must be a mapping"):
        read_mapping(listed, "the normaliser table")
    assert read_yaml(listed, "a list") == ["a", "b"]
