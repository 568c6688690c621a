"""The ``ecoaudit.audit/1`` contract as a JSON-Schema (draft 2020-12 subset) dict, and a small validator for it.

The validator implements the keywords this schema uses (type, properties, required, additionalProperties, items,
enum, const, minimum, pattern) so tests and ``ecoaudit evaluate`` need no extra package. Documented in
docs/audit-schema.md; change both together and bump the version for incompatible changes.
"""
from __future__ import annotations

import re
from typing import Any

STATUSES = ["corroborated", "mismatch", "no_evidence", "out_of_period", "unresolved"]
CHECK_IDS = ["quarterly_minutes", "evidence_in_period", "budget_passed_by_npc", "scans_sealed", "unreadable_files",
             "land_class_sum", "drafts_not_evidence", "derived_rates"]
DECIMAL = {"type": ["string", "null"], "pattern": r"^-?\d+(\.\d+)?$"}
STR = {"type": "string"}
STR_OR_NULL = {"type": ["string", "null"]}
DATE_OR_NULL = {"type": ["string", "null"], "pattern": r"^\d{4}-\d{2}-\d{2}$"}
STR_LIST = {"type": "array", "items": STR}


def _obj(props: dict[str, Any], required: list[str] | None = None, extra: bool = False) -> dict[str, Any]:
    return {"type": "object", "properties": props, "required": required if required is not None else list(props),
            "additionalProperties": extra}


EVIDENCE = _obj({
    "path": STR, "page": {"type": "integer", "minimum": 0}, "value": DECIMAL, "unit": STR_OR_NULL,
    "canonical_value": DECIMAL, "canonical_unit": STR_OR_NULL, "date": DATE_OR_NULL, "snippet": STR,
    "bbox": {"type": ["array", "null"], "items": {"type": "number"}},
    "rotation": {"enum": [0, 90, 180, 270]},
    "role": {"enum": ["achieved", "target", "component", "mention", "task"]},
    "sha256": STR, "block_id": STR,
    "counted": {"type": "boolean"}, "agrees": {"type": ["boolean", "null"]}, "note": STR_OR_NULL,
}, required=["path", "page", "value", "unit", "canonical_value", "canonical_unit", "date", "snippet", "bbox", "role",
             "sha256", "block_id"])

INDICATOR = _obj({
    "submitted_name": STR, "indicator_id": STR_OR_NULL, "name": STR_OR_NULL, "department": STR_OR_NULL,
    "department_source": {"enum": ["catalog", "plan", "submitted", None]},
    "submitted": _obj({"value": DECIMAL, "unit": STR_OR_NULL, "raw": STR}),
    "evidence": {"type": "array", "items": EVIDENCE},
    "status": {"enum": STATUSES}, "difference": STR_OR_NULL,
    "derived": {"type": ["object", "null"], "properties": {"value": DECIMAL, "unit": STR_OR_NULL, "how": STR},
                "required": ["value", "unit", "how"], "additionalProperties": False},
    "scored": {"type": "boolean"}, "score": DECIMAL,
    "reason": STR, "notes": STR_LIST,
})

DOCUMENT = _obj({
    "path": STR, "sha256": STR_OR_NULL, "doc_type": STR_OR_NULL, "doc_confidence": {"type": ["number", "null"]},
    "pages": {"type": "integer", "minimum": 0}, "ocr_pages": {"type": "integer", "minimum": 0},
    "status": {"enum": ["ok", "error", "duplicate"]}, "error": STR_OR_NULL, "duplicate_of": STR_OR_NULL,
    "seal_pages": {"type": "array", "items": {"type": "integer"}}, "doc_date": DATE_OR_NULL,
})

CHECK = _obj({"id": {"enum": CHECK_IDS}, "status": {"enum": ["pass", "fail", "warn"]}, "message": STR,
              "paths": STR_LIST, "missing": STR_LIST})

GAP = _obj({"department": STR, "items": {"type": "array", "items": _obj({
    "kind": {"enum": ["indicator", "check"]}, "id": STR, "name": STR,
    "status": {"enum": STATUSES + ["pass", "fail", "warn"]}, "needed": STR})}})

SUMMARY = {"type": "object", "required": STATUSES + ["indicators", "documents", "errors", "checks_failed"],
           "properties": {k: {"type": "integer", "minimum": 0} for k in STATUSES + [
               "indicators", "documents", "errors", "duplicates", "checks_failed", "checks_warned", "scored"]},
           "additionalProperties": False}

AUDIT_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "ecoaudit.audit/1",
    "title": "ecoaudit 审核结果 / audit result",
    **_obj({
        "schema": {"const": "ecoaudit.audit/1"}, "year": {"type": "integer", "minimum": 2000},
        "generated_at": STR, "folder": STR, "catalog": STR,
        "department_source": {"enum": ["catalog", "plan"]},
        "documents": {"type": "array", "items": DOCUMENT},
        "indicators": {"type": "array", "items": INDICATOR},
        "checks": {"type": "array", "items": CHECK},
        "gaps": {"type": "array", "items": GAP},
        "unassigned": {"type": "array", "items": _obj({"id": STR, "name": STR})},
        "deadlines": {"type": "array", "items": _obj({"date": STR, "what": STR, "passed": {"type": "boolean"}})},
        "summary": SUMMARY,
    }, required=["schema", "year", "generated_at", "folder", "catalog", "documents", "indicators", "checks", "gaps",
                 "unassigned", "deadlines", "summary"]),
}

_TYPES = {"object": dict, "array": list, "string": str, "boolean": bool, "null": type(None)}


def _type_ok(value: Any, name: str) -> bool:
    if name == "integer":
        return isinstance(value, int) and not isinstance(value, bool)
    if name == "number":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    return isinstance(value, _TYPES[name])


def _validate(value: Any, schema: dict[str, Any], where: str, errors: list[str]) -> None:
    if "const" in schema and value != schema["const"]:
        errors.append(f"{where}: 应为 {schema['const']!r}，实为 {value!r}")
    if "enum" in schema and value not in schema["enum"]:
        errors.append(f"{where}: {value!r} 不在 {schema['enum']} 之中")
    types = schema.get("type")
    if types is not None:
        names = types if isinstance(types, list) else [types]
        if not any(_type_ok(value, n) for n in names):
            errors.append(f"{where}: 类型应为 {names}，实为 {type(value).__name__}")
            return
    if isinstance(value, str) and "pattern" in schema and not re.search(schema["pattern"], value):
        errors.append(f"{where}: {value!r} 不符合格式 {schema['pattern']}")
    if isinstance(value, (int, float)) and not isinstance(value, bool) and "minimum" in schema \
            and value < schema["minimum"]:
        errors.append(f"{where}: {value} 小于 {schema['minimum']}")
    if isinstance(value, dict):
        props = schema.get("properties", {})
        for key in schema.get("required", []):
            if key not in value:
                errors.append(f"{where}: 缺少字段 {key}")
        for key, item in value.items():
            if key in props:
                _validate(item, props[key], f"{where}.{key}", errors)
            elif schema.get("additionalProperties") is False:
                errors.append(f"{where}: 多余字段 {key}")
    if isinstance(value, list) and "items" in schema:
        for i, item in enumerate(value):
            _validate(item, schema["items"], f"{where}[{i}]", errors)


def validate_audit(audit: Any) -> list[str]:
    """Every violation of the schema, as Chinese messages with a JSON path ([] when valid)."""
    errors: list[str] = []
    _validate(audit, AUDIT_SCHEMA, "$", errors)
    return errors
