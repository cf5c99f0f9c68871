"""The quality gate: pinned floors (tests/quality/floors.toml) per set and measure.

A change that lowers a measure below its floor fails `make test` unless the floor file is
changed in the same commit, with a reason.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest

from geopol.evaluation import report

pytestmark = pytest.mark.model

FLOORS = Path(__file__).with_name("floors.toml")


def _floors() -> dict[str, Any]:
    return tomllib.loads(FLOORS.read_text(encoding="utf-8"))


def _measure(result: dict[str, Any], section: str, name: str) -> float:
    if section.startswith("events."):
        rep = result["events"][section.split(".", 1)[1]]
        if name.endswith("_accuracy"):
            return float(rep[name[: -len("_accuracy")]]["accuracy"])
        if name == "false_events_max":
            return float(rep["false_events"]["value"])
        return float(rep[name]["value"])
    if section == "actors":
        key = "dated_roles" if name == "dated_roles" else name
        return float(result["actors"][key]["value"])
    if section == "quotes":
        part = name.split("_")[0]
        return float(result["quotes"][part]["f1"])
    raise KeyError(f"{section}.{name}")


@pytest.fixture(scope="module")
def measured(analyzer) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    data = report.default_data()
    if data is None:
        pytest.skip("shared/anchors-data not found beside the checkout")
    return report.run(analyzer, "all", data)


def test_quality_every_floor_has_a_reason() -> None:
    for section, measures in _floors().items():
        for name, spec in _flatten(section, measures):
            assert spec.get("reason"), f"{name}: a floor needs a reason"
            assert 0.0 <= spec["floor"] <= 1.0


def _flatten(section: str, measures: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    out = []
    for key, value in measures.items():
        if isinstance(value, dict) and "floor" in value:
            out.append((f"{section}.{key}", value))
        elif isinstance(value, dict):
            out += _flatten(f"{section}.{key}", value)
    return out


def _cases() -> list[tuple[str, str, float]]:
    cases = []
    for full, spec in _flatten("", _floors()):
        section, _, name = full.strip(".").rpartition(".")
        cases.append((section, name, float(spec["floor"])))
    return cases


@pytest.mark.parametrize(("section", "name", "floor"), _cases())
def test_quality_measure_holds_its_floor(measured: dict[str, Any], section: str, name: str, floor: float) -> None:
    value = _measure(measured, section, name)
    if name.endswith("_max"):
        assert value <= floor, f"{section}.{name} = {value:.3f} is above its ceiling {floor}"
    else:
        assert value >= floor, f"{section}.{name} = {value:.3f} fell below its floor {floor}"
