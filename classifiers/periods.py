"""The document's own date (the date of the act) and the period it reports on.

Rules by type (evidence-types.md section 0 "Which date decides the period"):
- minutes: the meeting date ("3月15日，县长XXX主持召开…"; a year-less date takes the year of the document's other dates);
- notices, plans, other: the 成文日期 — the last date standing alone on its line in the last dated page — never the
  版记 "…印发" or 抄送 line;
- acceptance: the 验收日期 (a date on a line about 验收), else the signature date;
- vouchers: the transaction date (交易/记账/支付日期), else the first date;
- budget: the "…会议通过" date of a resolution, else the "——X年X月X日在…会议上" date, else the signature date;
  period: the budget year named in the title;
- monitoring/statistics: the reporting period (a period fact, title first), else the span of 采样 dates, else the
  title year; the date is the report date (报告/签发/编制/报出日期) or the signature date;
- ledgers: the span of dates in table cells; the date is the 填表/制表 date or the span's end.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from extract.model import Block, Document, Fact

STANDALONE_EXTRA_CHARS = 14  # a signature date line may carry the organ's name or seal text around the date (chars)

_IMPRINT = re.compile(r"印发|抄送|打印|翻印|发布日期|公开方式")
_MEETING = re.compile(r"主持召开|主持|召开|开会")
_MEETING_TIME = re.compile(r"会议时间|^\s*时间[:：]")
_ACCEPT = re.compile(r"验收")
_VOUCHER = re.compile(r"交易日期|交易时间|记账日期|支付日期|入账日期|转账日期|日期[:：]|付款日期")
_PASSED = re.compile(r"会议.{0,6}通过|批准|会议上")
_REPORT_DATE = re.compile(r"报告日期|签发日期|编制日期|报出日期|发布日期|出具日期")
_SAMPLING = re.compile(r"采样|监测时间|检测日期|监测日期")
_FILLED = re.compile(r"填表日期|制表日期|填报日期|报出日期|填表时间")
_MONTH_DAY = re.compile(r"(?<![\d年])(\d{1,2})月(\d{1,2})日")
_TITLE_YEAR = re.compile(r"((?:19|20)\d{2})\s*(?:年度|年)")
_TITLE_RANGE = re.compile(r"((?:19|20)\d{2})\s*[—\-－~～至到]+\s*((?:19|20)\d{2})\s*年")
_FIVE_YEAR = {"十三五": (2016, 2020), "十四五": (2021, 2025), "十五五": (2026, 2030)}


@dataclass(frozen=True)
class DocDates:
    doc_date: date | None
    period_start: date | None
    period_end: date | None


@dataclass(frozen=True)
class _Dated:
    fact: Fact
    order: tuple[int, int, int]  # page index, block index, character offset
    line: str
    block: Block


def _line_of(text: str, span: tuple[int, int] | None) -> str:
    if span is None:
        return text
    start = text.rfind("\n", 0, span[0]) + 1
    end = text.find("\n", span[1])
    return text[start: end if end >= 0 else len(text)]


def _index(doc: Document, facts: list[Fact]) -> list[_Dated]:
    where: dict[str, tuple[int, int, Block]] = {}
    for pi, page in enumerate(doc.pages):
        for bi, block in enumerate(page.blocks):
            where[block.id] = (pi, bi, block)
    out: list[_Dated] = []
    for fact in facts:
        if fact.kind not in ("date", "period") or fact.start is None or fact.block_id not in where:
            continue
        pi, bi, block = where[fact.block_id]
        offset = fact.src.span[0] if fact.src.span else 0
        out.append(_Dated(fact, (pi, bi, offset), _line_of(block.text, fact.src.span), block))
    out.sort(key=lambda d: d.order)
    return out


def _first(items: list[_Dated], pattern: re.Pattern[str]) -> _Dated | None:
    """The first date whose line (or sentence) matches; never one on a 版记/print line (印发, 打印时间)."""
    return next((d for d in items if not _IMPRINT.search(d.line)
                 and (pattern.search(d.line) or pattern.search(d.fact.snippet))), None)


def signature_date(items: list[_Dated]) -> date | None:
    """成文日期: the last date alone on its line, on the last page carrying dates; never the 版记 印发 line."""
    dates = [d for d in items if d.fact.kind == "date" and not _IMPRINT.search(d.line)]
    if not dates:
        return None
    last_page = dates[-1].order[0]
    on_last = [d for d in dates if d.order[0] == last_page]
    alone = [d for d in on_last if len(re.sub(r"\s", "", d.line)) <= len(d.fact.raw) + STANDALONE_EXTRA_CHARS]
    pick = (alone or on_last)[-1]
    return pick.fact.start


def _year_less_meeting_date(doc: Document, year: int | None) -> date | None:
    if year is None:
        return None
    for page in doc.pages[:2]:
        for block in page.blocks:
            for line in block.text.splitlines():
                if _MEETING.search(line) or _MEETING_TIME.search(line):
                    m = _MONTH_DAY.search(line)
                    if m:
                        try:
                            return date(year, int(m.group(1)), int(m.group(2)))
                        except ValueError:
                            return None
    return None


def title_period(title: str) -> tuple[date, date] | None:
    """The period a title names: "（2021—2025年）", "十四五", "2024年度", "2024年…" (the last year named)."""
    for key, (a, b) in _FIVE_YEAR.items():
        if key in title:
            return date(a, 1, 1), date(b, 12, 31)
    m = _TITLE_RANGE.search(title)
    if m:
        return date(int(m.group(1)), 1, 1), date(int(m.group(2)), 12, 31)
    years = [int(y) for y in _TITLE_YEAR.findall(title)]
    if years:
        return date(years[-1], 1, 1), date(years[-1], 12, 31)
    return None


def document_dates(doc: Document, facts: list[Fact], doc_type: str, title: str,
                   title_block_ids: tuple[str, ...] = ()) -> DocDates:
    items = _index(doc, facts)
    dates = [d for d in items if d.fact.kind == "date"]
    periods = [d for d in items if d.fact.kind == "period"]
    in_title = [d for d in periods if d.block.id in title_block_ids]
    t_period = title_period(title)
    sign = signature_date(items)

    if doc_type == "meeting_minutes":
        hit = _first(dates, _MEETING) or _first(dates, _MEETING_TIME)
        when = hit.fact.start if hit else None
        if when is None:
            year = sign.year if sign else (dates[0].fact.start.year if dates else (t_period[0].year if t_period else None))
            when = _year_less_meeting_date(doc, year)
        when = when or (dates[0].fact.start if dates else None)
        return DocDates(when, when, when)
    if doc_type == "acceptance_report":
        hit = _first(dates, _ACCEPT)
        when = hit.fact.start if hit else sign
        return DocDates(when, when, when)
    if doc_type == "payment_voucher":
        hit = _first(dates, _VOUCHER)
        when = hit.fact.start if hit else (dates[0].fact.start if dates else None)
        start, end = t_period if t_period and not when else (when, when)
        return DocDates(when or sign, start, end)
    if doc_type == "budget_document":
        hit = _first(dates[:8], _PASSED)
        when = hit.fact.start if hit else sign
        start, end = t_period if t_period else (None, None)
        return DocDates(when, start, end)
    if doc_type == "monitoring_report":
        report = _first(dates, _REPORT_DATE)
        when = report.fact.start if report else sign
        chosen = (in_title or periods)
        if chosen:
            return DocDates(when, chosen[0].fact.start, chosen[0].fact.end)
        sampled = [d.fact.start for d in dates if _SAMPLING.search(d.line) or _SAMPLING.search(d.fact.snippet)]
        if sampled:
            return DocDates(when, min(sampled), max(sampled))
        start, end = t_period if t_period else (None, None)
        return DocDates(when, start, end)
    if doc_type == "ledger":
        # the date column's span; a 填表日期/制表日期 cell dates the sheet, not its rows
        cells = [d.fact for d in items if d.block.kind == "cell" and d.fact.end is not None
                 and not _FILLED.search(f"{d.line} {d.fact.row_header or ''} {d.fact.snippet}")
                 and not _IMPRINT.search(d.line)]
        filled = next((d for d in dates if _FILLED.search(f"{d.line} {d.fact.row_header or ''} {d.fact.snippet}")),
                      None)
        if cells:
            first = min(f.start for f in cells if f.start)
            last = max(f.end for f in cells if f.end)
            return DocDates(filled.fact.start if filled else last, first, last)
        start, end = t_period if t_period else (None, None)
        return DocDates(filled.fact.start if filled else sign, start, end)
    # notice, plan, other: the 成文日期; the period named in the title (plans: the plan period)
    chosen = in_title[0].fact if in_title else None
    if chosen is not None:
        return DocDates(sign, chosen.start, chosen.end)
    start, end = t_period if t_period else (sign, sign)
    return DocDates(sign, start, end)
