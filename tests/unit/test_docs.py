"""Documentation stays true: every data file, setting and command is documented."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from geopol.cli import main

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "src" / "geopol" / "data"
FORMATS = (ROOT / "docs" / "data-formats.md").read_text(encoding="utf-8")
README = (ROOT / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("path", sorted(p.relative_to(DATA).as_posix() for p in DATA.rglob("*.tsv")))
def test_docs_every_data_file_has_a_format_section(path: str) -> None:
    folder_form = path.rsplit("/", 1)[0] + "/*.tsv" if path.count("/") > 1 else path
    assert f"## {path}" in FORMATS or f"## {folder_form}" in FORMATS, f"docs/data-formats.md lacks {path}"


def test_docs_every_setting_is_in_the_readme_or_defaults_comments() -> None:
    defaults = tomllib.loads((ROOT / "src" / "geopol" / "defaults.toml").read_text(encoding="utf-8"))
    text = (ROOT / "src" / "geopol" / "defaults.toml").read_text(encoding="utf-8")
    for section, values in defaults.items():
        assert f"[{section}]" in README, f"README does not show section [{section}]"
        for key in values:
            assert f"{key} =" in text


@pytest.mark.parametrize("command", sorted(main.commands))
def test_docs_every_command_is_in_the_readme(command: str) -> None:
    assert f"geopol {command}" in README, f"README does not mention `geopol {command}`"
