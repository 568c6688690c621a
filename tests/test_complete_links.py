"""Exhaustive link labels (corpus/samples/complete_links.json) and the complete-link metrics of eval_classify."""
from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from ecoaudit.eval_classify import LINK_ROLES, evaluate_classification, evaluate_complete_links
from extract.errors import BadInputError
from extract.model import DocClass, Link, Source
from rules.catalog import load_catalog

SAMPLES = Path(__file__).resolve().parent.parent / "corpus" / "samples"
COMPLETE = SAMPLES / "complete_links.json"


def _complete() -> dict[str, list[dict]]:
    return json.loads(COMPLETE.read_text(encoding="utf-8"))["files"]


def _link(ind: str, value: str | None = None, unit: str | None = None, role: str = "achieved") -> Link:
    return Link(indicator_id=ind, block_id="b1", src=Source("0" * 64, 1), rule="alias", matched=ind, score=0.9,
                role=role, value=None if value is None else Decimal(value), unit=unit)


def _records(path: str, links: list[Link]) -> dict[str, tuple[DocClass, list[Link]]]:
    return {path: (DocClass("ledger", 0.9), links)}


def test_complete_files_are_labelled_sample_files() -> None:
    labels = json.loads((SAMPLES / "labels.json").read_text(encoding="utf-8"))
    known = {f["path"]: f for f in labels["files"]}
    complete = _complete()
    assert 8 <= len(complete) <= 12
    for path in complete:
        assert path in known, path
        assert known[path].get("status", "ok") == "ok", path
        assert (SAMPLES / labels.get("folder", "package") / path).is_file(), path
    assert len({known[p]["doc_type"] for p in complete}) >= 6  # different kinds of documents


def test_complete_labels_use_catalog_ids_and_valid_roles() -> None:
    ids = {ind.id for ind in load_catalog().indicators}
    for path, entries in _complete().items():
        assert entries, path
        for e in entries:
            assert e["indicator"] in ids, (path, e["indicator"])
            assert e["role"] in LINK_ROLES, (path, e)
            assert ("value_range" not in e) or e.get("debatable") is True, (path, e)
            assert (e.get("value") is None) == (e.get("unit") is None) or "value_range" in e, (path, e)


def test_complete_labels_cover_the_key_labels() -> None:
    """Every key link of labels.json for a complete file is also in the complete list (firm or debatable)."""
    labels = {f["path"]: f for f in json.loads((SAMPLES / "labels.json").read_text(encoding="utf-8"))["files"]}
    for path, entries in _complete().items():
        records = _records(path, [_link(k["indicator"], k["value"], k["unit"], k["role"])
                                  for k in labels[path].get("links", [])])
        result = evaluate_complete_links(records, {path: entries})
        assert result["spurious"] == [], (path, result["spurious"])


def test_precision_recall_on_hand_built_case() -> None:
    path = "x/台账.xlsx"
    gold = [
        {"indicator": "urban_sewage_discharge_total", "value": "315.00", "unit": "万吨", "role": "achieved"},
        {"indicator": "urban_sewage_treatment_rate", "value": "95.23", "unit": "%", "role": "achieved"},
        {"indicator": "wwtp_operation", "value": None, "unit": None, "role": "achieved"},
        {"indicator": "sewage_pipe_length_new", "value": "6.8", "unit": "公里", "role": "target"},
        {"indicator": "urban_sewage_treated_compliant", "value_range": ["21", "28"], "unit": "万吨",
         "role": "component", "debatable": True},
    ]
    pred = [
        _link("urban_sewage_discharge_total", "3150000", "吨", "component"),  # same value in 吨, same role class: hit
        _link("urban_sewage_discharge_total", "315", "万吨"),  # duplicate key: counted once
        _link("urban_sewage_treatment_rate", "95.2", "%"),  # within 0.5 %: hit
        _link("wwtp_operation"),  # both without value: hit
        _link("sewage_pipe_length_new", "6.8", "公里", "achieved"),  # wrong role class: false positive
        _link("urban_sewage_treated_compliant", "25.23", "万吨", "component"),  # debatable: excused
        _link("msw_generated", "18.2", "吨"),  # false positive
    ]
    r = evaluate_complete_links(_records(path, pred), {path: gold})
    assert r["labelled"] == 4
    assert r["predicted_links"] == 7
    assert r["excused_debatable"] == 1
    assert r["predicted"] == 5  # 3 distinct hits + 2 false positives
    assert r["precision"] == pytest.approx(3 / 5, abs=1e-4)
    assert r["recall"] == pytest.approx(3 / 4, abs=1e-4)
    assert [m["indicator"] for m in r["missed"]] == ["sewage_pipe_length_new"]
    assert sorted(s["indicator"] for s in r["spurious"]) == ["msw_generated", "sewage_pipe_length_new"]
    # value accuracy: discharge 315 and rate 95.23 and pipe 6.8 are all linked with an equal value
    assert r["value_accuracy"] == 1.0 and r["value_judged"] == 3


def test_value_outside_tolerance_and_missing_file() -> None:
    gold = {"a.pdf": [{"indicator": "gdp", "value": "86.42", "unit": "亿元", "role": "achieved"}],
            "b.pdf": [{"indicator": "gdp", "value": "90", "unit": "亿元", "role": "achieved"}]}
    r = evaluate_complete_links(_records("a.pdf", [_link("gdp", "87.5", "亿元")]), gold)
    assert r["precision"] == 0.0 and r["recall"] == 0.0
    assert r["value_accuracy"] == 0.0
    assert r["not_ingested"] == ["b.pdf"]
    assert len(r["missed"]) == 2


def test_old_figures_kept_and_complete_block_added() -> None:
    path = "a.pdf"
    labels = {"files": [{"path": path, "doc_type": "ledger", "status": "ok",
                         "links": [{"indicator": "gdp", "value": "86.42", "unit": "亿元", "role": "achieved"}]}],
              "complete_links": {path: [{"indicator": "gdp", "value": "86.42", "unit": "亿元", "role": "achieved"},
                                        {"indicator": "population", "value": "17.82", "unit": "万人",
                                         "role": "achieved"}]}}
    pred = [_link("gdp", "86.42", "亿元"), _link("population", "17.82", "万人")]
    r = evaluate_classification(_records(path, pred), labels)
    assert r["links"]["precision"] == 0.5 and r["links"]["recall"] == 1.0
    assert r["links_complete"]["precision"] == 1.0 and r["links_complete"]["recall"] == 1.0
    assert "links_complete" not in evaluate_classification(_records(path, pred), {"files": labels["files"]})


@pytest.mark.parametrize("entry", [
    {"indicator": "gdp", "value": "八十", "unit": "亿元", "role": "achieved"},
    {"indicator": "gdp", "value": "1", "unit": "亿元", "role": "result"},
    {"indicator": "gdp", "value_range": ["1", "2"], "unit": "亿元", "role": "achieved"},
    {"indicator": "gdp", "value_range": ["5", "2"], "unit": "亿元", "role": "achieved", "debatable": True},
])
def test_malformed_complete_label_is_rejected(entry: dict) -> None:
    with pytest.raises(BadInputError) as exc:
        evaluate_complete_links({}, {"a.pdf": [entry]})
    assert exc.value.category == "labels"
