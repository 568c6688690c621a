"""Shared fixtures. Tests that render Chinese text need a CJK TrueType font (Debian fonts-wqy-zenhei, installed by
.ci/run). On a machine without it those tests are skipped with the reason, unless ECOAUDIT_REQUIRE_FONTS=1 (set by CI)
turns the skip into a failure, so CI can never silently skip them."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "corpus" / "samples"
SHARED = ROOT.parent / "shared"

CJK_FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/arphic/uming.ttc",
)


def _need(what: str, env: str) -> None:
    if os.environ.get(env) == "1":
        pytest.fail(f"{what} is required here ({env}=1) but missing")
    pytest.skip(f"{what} not installed on this machine")


@pytest.fixture(scope="session")
def cjk_font() -> str:
    """Path of a CJK TrueType font usable by Pillow and reportlab."""
    for candidate in CJK_FONT_CANDIDATES:
        if Path(candidate).exists():
            return candidate
    _need("a CJK font (apt-get install fonts-wqy-zenhei)", "ECOAUDIT_REQUIRE_FONTS")
    raise AssertionError("unreachable")


@pytest.fixture(scope="session")
def chromium_paths() -> tuple[str, str]:
    """(chromium binary, chromedriver) from Debian's packages."""
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    if not browser or not driver:
        _need("Debian chromium + chromium-driver", "ECOAUDIT_REQUIRE_BROWSER")
    return browser, driver  # type: ignore[return-value]


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.is_dir():
        _need("../shared beside the clone", "ECOAUDIT_REQUIRE_SHARED")
    return SHARED
