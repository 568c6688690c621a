"""Label-building helpers (schema of ARCHITECTURE.md, corpus/samples/labels.json section)."""
from __future__ import annotations

from typing import Any


def num(text: str, value: str, unit: str | None, canonical_value: str | None = None,
        canonical_unit: str | None = None, page: int = 1) -> dict[str, Any]:
    return {"kind": "number", "text": text, "page": page, "value": value, "unit": unit,
            "canonical_value": canonical_value if canonical_value is not None else value,
            "canonical_unit": canonical_unit if canonical_unit is not None else unit}


def date(text: str, iso: str, page: int = 1) -> dict[str, Any]:
    return {"kind": "date", "text": text, "page": page, "date": iso}


def period(text: str, start: str, end: str, page: int = 1) -> dict[str, Any]:
    return {"kind": "period", "text": text, "page": page, "start": start, "end": end}


def link(indicator: str, value: str | None = None, unit: str | None = None, role: str = "achieved") -> dict[str, Any]:
    return {"indicator": indicator, "value": value, "unit": unit, "role": role}


def entry(path: str, fmt: str, doc_type: str | None, doc_date: str | None, title: str | None, *,
          facts: list[dict[str, Any]] | None = None, links: list[dict[str, Any]] | None = None,
          scanned: bool = False, seal_pages: list[int] | None = None, pages: list[dict[str, Any]] | None = None,
          status: str = "ok", error_category: str | None = None, **extra: Any) -> dict[str, Any]:
    out: dict[str, Any] = {
        "path": path, "format": fmt, "doc_type": doc_type, "status": status, "error_category": error_category,
        "duplicate_of": None, "scanned": scanned, "doc_date": doc_date, "seal_pages": seal_pages or [],
        "pages": pages or [], "facts": facts or [], "links": links or [],
    }
    if title is not None:
        out["title"] = title
    out.update(extra)
    return out


def page_texts(pages: list[list[str]]) -> list[dict[str, Any]]:
    return [{"page": i + 1, "text": "\n".join(lines)} for i, lines in enumerate(pages)]
