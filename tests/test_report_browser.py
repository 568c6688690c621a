"""A real browser (Debian's headless Chromium through selenium) loads report.html; the overview screenshot is written
to tests/output/report_overview.png for a person to look at."""
from __future__ import annotations

from pathlib import Path

import pytest

from ecoaudit.report_html import write_report
from tests.report_fixtures import make_evidence_pdf, sample_audit

OUTPUT = Path(__file__).resolve().parent / "output"


@pytest.mark.browser
def test_report_opens_in_chromium(tmp_path: Path, cjk_font: str, chromium_paths: tuple[str, str]) -> None:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By

    folder = tmp_path / "package"
    (folder / "综合行政执法局").mkdir(parents=True)
    make_evidence_pdf(folder / "综合行政执法局" / "垃圾清运台账.pdf", cjk_font)
    report = write_report(sample_audit(folder), tmp_path / "out")

    browser, driver_path = chromium_paths
    options = webdriver.ChromeOptions()
    options.binary_location = browser
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--window-size=1280,1000", f"--user-data-dir={tmp_path / 'profile'}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(driver_path), options=options)
    try:
        driver.get(report.as_uri())
        assert "迎检材料预审报告" in driver.title
        cards = driver.find_elements(By.CSS_SELECTOR, "#overview .card")
        assert len(cards) == 7
        bars = driver.find_elements(By.CSS_SELECTOR, "#overview .bar span")
        assert bars and all(b.size["width"] > 0 for b in bars)
        img = driver.find_element(By.CSS_SELECTOR, "#indicators img")
        assert driver.execute_script("return arguments[0].naturalWidth", img) > 100
        assert driver.execute_script("return typeof window.alert === 'function' && !document.querySelector('script')")
        OUTPUT.mkdir(exist_ok=True)
        assert driver.save_screenshot(str(OUTPUT / "report_overview.png"))
    finally:
        driver.quit()
