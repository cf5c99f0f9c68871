"""The geopol command end to end, including bad input (one clear line, no traceback)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from geopol.cli import main
from tests.conftest import REFERENCE

pytestmark = pytest.mark.model

GOOD = "Japan Protests to China\n\nJapan protested to China on Monday over the island dispute.\n"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def test_cli_code_jsonl_one_object_per_article(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(GOOD)
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.txt").write_text("Russia attacked Ukraine on Friday, officials said.")
    result = runner.invoke(main, ["code", str(tmp_path), "--format", "jsonl", "--date", "2024-03-05"])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(lines) == 2 and all(d["schema"] == "geopol/1" for d in lines)
    assert lines[0]["article"]["title"] == "Japan Protests to China"
    assert lines[0]["article"]["published"] == "2024-03-05"
    event = lines[1]["events"][0]
    assert (event["source"], event["target"], event["cameo"][:2]) == (["state:RUS"], ["state:UKR"], "19")
    assert event["date"] == "2024-03-01"


def test_cli_code_table_and_stdin(runner: CliRunner) -> None:
    result = runner.invoke(main, ["code", "-"], input=GOOD)
    assert result.exit_code == 0
    assert "Japan Protests to China" in result.stdout and "Events (" in result.stdout


def test_cli_code_reference_article(runner: CliRunner) -> None:
    result = runner.invoke(main, ["code", str(REFERENCE), "--date", "2020-12-01", "--format", "jsonl"])
    data = json.loads(result.stdout)
    assert {"state:CHN", "igo:NATO", "igo:QUAD"} <= {a["id"] for a in data["actors"]}


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.txt", b"", "empty"),
        ("binary.txt", b"\x00\x01\x02\x00abc", "binary"),
        ("latin.txt", b"caf\xe9 au lait in Paris", "not valid UTF-8"),
    ],
)
def test_cli_code_bad_file_alone_fails_with_one_line(runner: CliRunner, tmp_path: Path, name: str,
                                                      content: bytes, message: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    result = runner.invoke(main, ["code", str(path)])
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and name in lines[0] and message in lines[0]
    assert "Traceback" not in result.output


def test_cli_code_missing_path_and_empty_folder(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["code", str(tmp_path / "nope.txt")])
    assert result.exit_code == 1 and "no such file" in result.stderr
    (tmp_path / "empty").mkdir()
    result = runner.invoke(main, ["code", str(tmp_path / "empty")])
    assert result.exit_code == 1 and "no text files" in result.stderr


def test_cli_code_bad_file_skipped_when_others_succeed(runner: CliRunner, tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(GOOD)
    (tmp_path / "empty.txt").write_bytes(b"")
    result = runner.invoke(main, ["code", str(tmp_path), "--format", "jsonl"])
    assert result.exit_code == 0
    assert len(result.stdout.splitlines()) == 1
    assert "skipped" in result.stderr and "empty.txt" in result.stderr


def test_cli_bad_date_and_config(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["code", "-", "--date", "01/02/2020"], input=GOOD)
    assert result.exit_code == 2 and "YYYY-MM-DD" in result.output
    cfg = tmp_path / "g.toml"
    cfg.write_text("[nlp]\nmodle = 'x'\n")
    result = runner.invoke(main, ["code", "-", "--config", str(cfg)], input=GOOD)
    assert result.exit_code == 1 and "did you mean 'model'" in result.stderr


def test_cli_unknown_model_is_a_clear_error(runner: CliRunner) -> None:
    result = runner.invoke(main, ["code", "-", "--model", "no_such_model_xyz"], input=GOOD)
    assert result.exit_code == 1 and "no_such_model_xyz" in result.stderr and "make install" in result.stderr


def test_cli_explain_shows_pattern_decisions(runner: CliRunner) -> None:
    result = runner.invoke(main, ["explain", "Russia imposed sanctions on Japan."])
    assert result.exit_code == 0
    assert "fired sanctions" in result.stdout and "actor=state:RUS" in result.stdout


def test_cli_every_command_documents_an_example(runner: CliRunner) -> None:
    for command in main.commands.values():
        help_text = runner.invoke(main, [command.name, "--help"]).output  # type: ignore[list-item]
        assert "Example" in help_text, command.name


def test_cli_code_awkward_text_is_coded_or_skipped_with_reason(runner: CliRunner, tmp_path: Path) -> None:
    long_sentence = "Russia attacked Ukraine and " + ", ".join(f"town number {i}" for i in range(400)) + "."
    table = "Country | Votes | Share\nFrance | 12 | 30%\nGermany | 14 | 35%\nItaly | 9 | 22%\n"
    no_verb = "Talks in Geneva. Sanctions on Iran. More of the same."
    french = ("La France et l'Allemagne ont signé un accord sur la défense mardi à Paris. Les deux pays vont "
              "renforcer leur coopération militaire, a déclaré le ministre des Armées.")
    for name, text in (("long.txt", long_sentence), ("table.txt", table), ("noverb.txt", no_verb),
                       ("fr.txt", french)):
        (tmp_path / name).write_text(text)
    result = runner.invoke(main, ["code", str(tmp_path), "--format", "jsonl"])
    assert result.exit_code == 0 and "Traceback" not in result.output
    assert len(result.stdout.splitlines()) == 3
    long_out = next(json.loads(line) for line in result.stdout.splitlines() if "town number" in line)
    assert any("not coded" in w and "max_sentence_tokens" in w for w in long_out["warnings"])
    assert "fr.txt" in result.stderr and "French" in result.stderr
