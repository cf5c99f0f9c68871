"""Browser tests: Playwright driving Debian's Chromium (/usr/bin/chromium) against a server the
tests start on a free localhost port. No browser is ever downloaded."""

from __future__ import annotations

import pytest


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "browser: drives a real browser (Debian's chromium at /usr/bin/chromium)"
    )
