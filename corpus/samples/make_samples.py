"""Generate the bundled sample package of the fictional 青川县 (evaluation year 2024).

Writes corpus/samples/package/ (the evidence folder), submitted.xlsx, plan.docx and labels.json (ground truth,
schema in ARCHITECTURE.md). Deterministic: fixed seeds, fixed timestamps, reportlab invariant mode.
Needs Debian's fonts-wqy-zenhei (/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc).

Usage: python corpus/samples/make_samples.py [--out DIR]
"""
from __future__ import annotations

import argparse
import json
import logging
import random
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import gen_docs_env  # noqa: E402
import gen_docs_gov  # noqa: E402
import gen_docs_land  # noqa: E402
from gen_labels import Ctx  # noqa: E402
from gen_render import FONT_PATH  # noqa: E402
from gen_submitted import indicator_expectations, write_plan, write_submitted  # noqa: E402
from gen_xlsx import COUNTY_AREA_KM2, LAND_CLASSES  # noqa: E402

log = logging.getLogger(__name__)
SEED = 20240318
PACKAGE = "package"


def _checks(files: list[dict[str, Any]]) -> list[dict[str, Any]]:
    by_type: dict[str, list[dict[str, Any]]] = {}
    for f in files:
        by_type.setdefault(f["doc_type"] or "", []).append(f)
    minutes = {}
    for f in by_type.get("meeting_minutes", []):
        if f["status"] != "ok":
            continue
        month = int(f["doc_date"][5:7])
        minutes[f"Q{(month - 1) // 3 + 1}"] = f["path"]
    missing = [q for q in ("Q1", "Q2", "Q3", "Q4") if q not in minutes]
    unreadable = [{"path": f["path"], "category": f["error_category"]} for f in files if f["status"] == "error"]
    unsealed = [f["path"] for f in files if f["scanned"] and f["status"] == "ok" and not f["seal_pages"]
                and f.get("subtype") != "photo"]
    drafts = [f["path"] for f in files if f.get("draft")]
    classes_ha = sum(float(v) for _, _, v in LAND_CLASSES)
    classes_km2 = round(classes_ha / 100, 2)
    land = next(f["path"] for f in files if f.get("subtype") == "info_table")
    resolution = next(f["path"] for f in files if f.get("subtype") == "npc_budget_resolution"
                      and f["status"] == "ok")
    return [
        {"id": "quarterly_minutes", "status": "fail" if missing else "pass", "missing": missing,
         "found": dict(sorted(minutes.items()))},
        {"id": "evidence_in_period", "status": "fail",
         "items": [{"indicator": "gdp", "path": "7.县统计局/青川县2023年国民经济和社会发展统计公报.pdf",
                    "evidence_period": "2023"},
                   {"indicator": "population", "path": "7.县统计局/青川县2023年国民经济和社会发展统计公报.pdf",
                    "evidence_period": "2023"}]},
        {"id": "budget_passed_by_npc", "status": "pass", "evidence": [resolution], "date": "2024-01-18"},
        {"id": "scans_sealed", "status": "fail" if unsealed else "pass", "unsealed": unsealed},
        {"id": "unreadable_files", "status": "fail" if unreadable else "pass", "files": unreadable},
        {"id": "land_class_sum", "status": "fail", "path": land, "county_area": COUNTY_AREA_KM2,
         "classes_sum": f"{classes_km2:.2f}", "unit": "平方公里",
         "difference": f"{float(COUNTY_AREA_KM2) - classes_km2:.2f}"},
        {"id": "drafts_not_evidence", "status": "warn" if drafts else "pass", "drafts": drafts},
        {"id": "derived_rates", "status": "pass", "rates": [
            {"indicator": "urban_sewage_treatment_rate", "numerator": "299.97", "denominator": "315.00",
             "unit": "万吨", "value": "95.23"},
            {"indicator": "eco_investment_share", "numerator": "22420", "denominator": "286540",
             "unit": "万元", "value": "7.82"},
            {"indicator": "air_good_days_ratio", "numerator": "343", "denominator": "362", "unit": "天",
             "value": "94.75"},
            {"indicator": "urban_msw_harmless_rate", "numerator": "32000", "denominator": "32000", "unit": "吨",
             "value": "100"},
            {"indicator": "livestock_manure_utilization_rate", "numerator": "114700", "denominator": "126000",
             "unit": "吨", "value": "91.03"},
            {"indicator": "plastic_film_recovery_rate", "numerator": "935", "denominator": "1120", "unit": "吨",
             "value": "83.48"}]},
    ]


def generate(out: Path) -> dict[str, Any]:
    if not Path(FONT_PATH).exists():
        raise SystemExit(f"缺少中文字体 {FONT_PATH}（请安装 Debian 软件包 fonts-wqy-zenhei）")
    pkg = out / PACKAGE
    if pkg.exists():
        shutil.rmtree(pkg)
    pkg.mkdir(parents=True)
    with tempfile.TemporaryDirectory() as tmpd:
        ctx = Ctx(pkg, Path(tmpd), random.Random(SEED))
        files = gen_docs_gov.build(ctx)
        files += gen_docs_env.build(ctx, gen_docs_gov.RESOLUTION)
        files += gen_docs_land.build(ctx)
    write_submitted(out / "submitted.xlsx")
    write_plan(out / "plan.docx")
    files.sort(key=lambda f: f["path"])
    labels = {"county": "青川县", "year": 2024, "folder": PACKAGE, "submitted": "submitted.xlsx",
              "plan": "plan.docx", "files": files, "indicators": indicator_expectations(),
              "checks": _checks(files)}
    (out / "labels.json").write_text(json.dumps(labels, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    log.info("wrote %d labelled files under %s", len(files), pkg)
    return labels


def main() -> None:
    ap = argparse.ArgumentParser(description="生成青川县样例材料包 / generate the 青川县 sample package")
    ap.add_argument("--out", type=Path, default=HERE, help="输出目录 / output directory (default: corpus/samples)")
    args = ap.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    generate(args.out)


if __name__ == "__main__":
    main()
