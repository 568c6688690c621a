"""文号 (document numbers): 机关代字〔year〕serial号, with bracket variants and OCR/crawl damage.

Brackets are normalised to 〔〕 first (length-preserving, so spans index the input). Accepted damage, each flagged
``damaged=True``: a missing 〕 or 号 ("〔2017279号", "海政办发〔202365"), and a type character moved inside the
bracket ("环办监测〔函202230号" → 环办监测函〔2022〕30号). Look-alikes without a bracketed year (表号, 证书编号,
report numbers such as XXJC-2024-0123) never match.
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from extract.facts.text_norm import fold, normalize_brackets

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class DocNumber:
    text: str  # normalised, e.g. "环办监测函〔2022〕30号"
    issuer: str | None  # 机关代字 including its type character, e.g. "环办监测函"
    year: int
    serial: int
    span: tuple[int, int]  # in the input text
    damaged: bool = False
    raw: str = ""


_HAN = r"\u4e00-\u9fa5"
# Words that end the running text before an issuer code ("根据环发〔2011〕18号" → issuer "环发").
_LEAD_STOPWORDS = ("根据", "按照", "依据", "依照", "参照", "贯彻", "落实", "转发", "印发", "执行", "关于", "通知",
                   "文件", "精神", "要求", "规定", "以及", "报送", "见", "和", "及", "与", "的", "将", "按", "据",
                   "经", "《", "》", "号", "是", "为", "即", "以", "由", "在")
_MAX_ISSUER = 12  # characters: the longest 机关代字 seen ("泰山政办发" is 5; provincial+dept+office+type ≤ 12)

_YEAR = r"(?P<year>(?:19|20)\d{2})"
# Well-formed (missing 号 tolerated and flagged): issuer〔year〕第?serial号
_WELL = re.compile(rf"(?P<issuer>[{_HAN}A-Za-z]{{0,{_MAX_ISSUER}}}?)〔\s*{_YEAR}\s*〕\s*(?P<di>第)?\s*"
                   rf"(?P<serial>\d{{1,5}})\s*(?P<hao>号)?(?!\d)")
# A type character moved inside: issuer〔函2022〕?30号?
_MOVED = re.compile(rf"(?P<issuer>[{_HAN}]{{1,{_MAX_ISSUER}}}?)〔(?P<moved>[{_HAN}]{{1,2}}){_YEAR}〕?\s*(?P<di>第)?"
                    rf"(?P<serial>\d{{1,5}})(?P<hao>号)?(?!\d)")
# Missing 〕: issuer〔2017279号 (year and serial run together)
_RUN = re.compile(rf"(?P<issuer>[{_HAN}]{{0,{_MAX_ISSUER}}}?)〔\s*{_YEAR}(?P<di>第)?(?P<serial>\d{{1,4}})"
                  rf"(?P<hao>号)?(?!\d)")


def _trim_issuer(issuer: str) -> tuple[str, int]:
    """Cut running text before the issuer code; returns (issuer, characters cut from the left)."""
    cut = 0
    for word in _LEAD_STOPWORDS:
        idx = issuer.rfind(word)
        if idx >= 0:
            cut = max(cut, idx + len(word))
    return issuer[cut:], cut


def parse_doc_numbers(text: str) -> list[DocNumber]:
    """All 文号 in ``text``, left to right, non-overlapping. Never raises."""
    if not isinstance(text, str) or "〔" not in (norm := normalize_brackets(fold(text))):
        return []
    found: list[DocNumber] = []
    taken: list[tuple[int, int]] = []
    for pattern, kind in ((_WELL, "well"), (_MOVED, "moved"), (_RUN, "run")):
        for m in pattern.finditer(norm):
            doc = _build(m, kind, text)
            if doc is None or any(s < doc.span[1] and doc.span[0] < e for s, e in taken):
                continue
            taken.append(doc.span)
            found.append(doc)
    found.sort(key=lambda d: d.span)
    return found


def _build(m: re.Match[str], kind: str, text: str) -> DocNumber | None:
    issuer_raw = m.group("issuer") or ""
    issuer, cut = _trim_issuer(issuer_raw)
    start = m.start() + cut
    serial = int(m.group("serial"))
    has_hao = bool(m.group("hao"))
    damaged = kind != "well" or not has_hao
    if kind == "moved":
        issuer = issuer + m.group("moved")
        if not issuer_raw[cut:]:
            return None
    if kind == "run" and not (has_hao or issuer):
        return None  # "（20240315）" is a bracketed compact date, not a damaged 文号
    if kind == "well" and not has_hao and not issuer:
        return None  # "（2024）12" alone is too weak without 号 or an issuer
    if serial == 0:
        return None
    year = int(m.group("year"))
    di = "第" if m.group("di") else ""
    normalised = f"{issuer}〔{year}〕{di}{serial}号"
    return DocNumber(text=normalised, issuer=issuer or None, year=year, serial=serial,
                     span=(start, m.end()), damaged=damaged, raw=text[start:m.end()])
