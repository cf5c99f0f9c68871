"""Fixtures shared by the model tier: one coded store for the analysis and export tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from geopol.analysis.query import Store
from tests.model.test_analysis import build_store


@pytest.fixture(scope="session")
def coded(analyzer: Any, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The reference article and the small news set of test_analysis, ingested once per run."""
    return build_store(analyzer, tmp_path_factory.mktemp("coded"))


@pytest.fixture
def store(coded: Path) -> Iterator[Store]:
    with Store(coded) as s:
        yield s
