"""The county's own implementation plan (实施方案): who must supply what, by when (schema ``ecoaudit.plan/1``).

Layout rules (decided from real plans, documented in rules/catalog/README.md):

- Paragraphs broken by page or line wraps are rejoined (a line that is long and has no closing punctuation continues).
- The duty section is the heading containing 职责/分工/任务 (三、职责分工, （二）成员单位职责分工 …) up to the next heading
  of the same or a higher level; without such a heading the whole text is scanned (addressee lines skipped).
- A department entry is "[numbering] 单位[、单位]：text" (also "县财政局需提供以下资料：…") or a line that is only a
  department name followed by numbered lines. The department's own numbering is not a responsibility.
- One numbered item (1. / （1） / ① inline or on its own line) = one responsibility; text without numbering gives one
  responsibility per sentence or ；-clause. Unnumbered paragraphs after a finished entry (其他相关部门按照…) are not
  attached to it, so leading-group members or addressees without a task never become departments.
- Task-first entries ("任务…。牵头单位：A；配合单位：B") give the whole task to every unit named.
- Indicators are linked through ``rules.catalog.MentionMatcher`` — catalog names, aliases and key phrases, never this
  module's own wording.
"""
from __future__ import annotations

import hashlib
import logging
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from charset_normalizer import from_bytes

from extract.errors import BadInputError
from extract.facts.chinese_numerals import parse_cn_int
from extract.reader import pages_needing_ocr, read_document
from rules.catalog import Catalog, MentionMatcher, load_catalog
from rules.departments import (CANONICAL_ALIASES, LeadingGroup, is_department, normalize_department,
                               parse_leading_group)

logger = logging.getLogger(__name__)

SCHEMA = "ecoaudit.plan/1"
# A line at least this long (characters) without closing punctuation is a wrapped paragraph, not a heading.
JOIN_MIN_CHARS = 22
# A department name before the colon is at most this long (characters); longer heads are prose.
DEPT_HEAD_MAX_CHARS = 40
# Responsibility clauses shorter than this (characters, after stripping) are punctuation debris, not duties.
MIN_DUTY_CHARS = 4

_L1 = re.compile(r"^[一二三四五六七八九十]+\s*[、.．]")
_L2 = re.compile(r"^[（(]\s*[一二三四五六七八九十]+\s*[)）]")
_L3 = re.compile(r"^\d{1,2}\s*[、.．](?!\d)")
_L4 = re.compile(r"^(?:[（(]\s*\d{1,2}\s*[)）]|[①-⑳]|[●•·▪◆■\-－—]+)")
_MARKERS = ((1, _L1), (2, _L2), (3, _L3), (4, _L4))
_INLINE_ITEM = re.compile(r"(?:(?<=^)|(?<=[。；;：:，,\s]))(?:[（(]\d{1,2}[)）]|\d{1,2}[、.．](?!\d)|[①-⑳])")
_TERMINAL = "。；;：:！？!?”\"」"
_DUTY_HEADING = re.compile(r"职责|分工|任务分解|责任分解|责任清单")
_NOT_OWN_ENTRY = re.compile(r"^(?:其他|其它|各有关|各相关|各成员|各部门|各地区|各单位|有关部门|相关部门)")
_BODY_END = re.compile(r"(?:局|委|办|办公室|部|中心|管委会|管理委员会|人民政府|妇联|集团|分局|街道办事处|"
                       r"委员会|联合会|管理处|公司)")
_LABEL = re.compile(r"^[\u4e00-\u9fff\s]{1,8}[：:]")  # 组  长： / 成  员： / 附件： / 抄送：
_COLUMNS = re.compile(r"\S\s{2,}\S")  # "赵  健  区发改局": a table printed as text
# task-first layout: "…投入占比测算。牵头单位：县财政局；配合单位：县统计局"
_UNITS_CLAUSE = re.compile(r"[（(]?(?:牵头|责任|主责|配合|协办|参与)(?:单位|部门)[：:]([^。；;）)\n]+)[）)]?[。；;]?")
_DUTY_VERB = re.compile(r"负责|牵头|提供|配合|做好|要|须|需|应|报送|承担|按照|督促|组织")
# several bodies in one head: "县委办、县政府办", "县财政局和县统计局" (和 inside 发展和改革局 follows no body suffix)
_HEAD_SPLIT = re.compile(r"[、/，,]|(?<=[局委办部会心府联司])(?:和|及|与)")
_NOT_COUNTY = re.compile(r"功能区|保护区|开发区|示范区|园区|国家|重点|生态")
_ADDRESSEE = re.compile(r"有关部门|有关单位|直属|各部门|印发给你们")


@dataclass(frozen=True)
class Responsibility:
    text: str
    indicators: tuple[str, ...]
    evidence_types: tuple[str, ...]


@dataclass(frozen=True)
class DepartmentDuty:
    name: str  # as written
    canonical: str
    responsibilities: tuple[Responsibility, ...]


@dataclass(frozen=True)
class Deadline:
    date: str  # YYYY-MM-DD or YYYY-MM
    what: str


@dataclass(frozen=True)
class Plan:
    county: str | None
    year: int | None
    office: str | None
    departments: tuple[DepartmentDuty, ...]
    deadlines: tuple[Deadline, ...]
    unassigned: tuple[tuple[str, str], ...]  # (indicator id, name)
    leading_group: LeadingGroup | None = None
    office_canonical: str | None = None

    def to_dict(self) -> dict[str, Any]:
        result: dict[str, Any] = {
            "schema": SCHEMA, "county": self.county, "year": self.year, "office": self.office,
            "office_canonical": self.office_canonical,
            "departments": [{"name": d.name, "canonical": d.canonical, "responsibilities": [
                {"text": r.text, "indicators": list(r.indicators), "evidence_types": list(r.evidence_types)}
                for r in d.responsibilities]} for d in self.departments],
            "deadlines": [{"date": d.date, "what": d.what} for d in self.deadlines],
            "unassigned": [{"id": i, "name": n} for i, n in self.unassigned],
        }
        if self.leading_group is not None:
            result["leading_group"] = {
                "leaders": list(self.leading_group.leaders), "deputies": list(self.leading_group.deputies),
                "members": [{"name": m.name, "canonical": m.canonical, "person": m.person}
                            for m in self.leading_group.members]}
        return result


def _level(paragraph: str) -> int | None:
    for level, pattern in _MARKERS:
        if pattern.match(paragraph):
            return level
    return None


def _strip_marker(paragraph: str) -> str:
    for _, pattern in _MARKERS:
        match = pattern.match(paragraph)
        if match:
            return paragraph[match.end():].strip()
    return paragraph.strip()


def paragraphs(text: str) -> list[str]:
    """Non-empty paragraphs with wrapped lines rejoined (see module docstring)."""
    result: list[str] = []
    for raw in text.replace("\u3000", " ").replace("\xa0", " ").splitlines():
        line = raw.strip()
        if not line:
            continue
        if result:
            previous = result[-1]
            continues = (len(previous) >= JOIN_MIN_CHARS and previous[-1] not in _TERMINAL
                         and _level(line) is None and _dept_head(line) is None
                         and not _LABEL.match(line) and not _COLUMNS.search(line)
                         and not _UNITS_CLAUSE.search(previous) and not _UNITS_CLAUSE.search(line))
            if continues:
                result[-1] = previous + line
                continue
        result.append(line)
    return result


def _dept_prefix(part: str) -> str | None:
    """The longest leading department name of a head such as "县财政局需提供以下资料"."""
    part = part.strip()
    if is_department(part):
        return part
    best = None
    for match in _BODY_END.finditer(part):
        candidate = part[: match.end()]
        # words may follow only a known body ("县财政局需提供…"); "动员部署阶段" does not name a 动员部
        if len(candidate) >= 2 and is_department(candidate) and normalize_department(candidate) in CANONICAL_ALIASES:
            best = candidate
    return best


def _verb_head(body: str) -> tuple[str, str] | None:
    """("县财政局", "负责提供…") for an entry written without a colon (used inside a duty section only)."""
    for verb in _DUTY_VERB.finditer(body[: DEPT_HEAD_MAX_CHARS + 2]):
        head = body[: verb.start()]
        if len(head) >= 2 and _dept_prefix(head) == head:
            return head, body[verb.start():]
    return None


def _dept_head(paragraph: str, verb_heads: bool = False) -> tuple[list[str], str] | None:
    """(department names as written, rest) when the paragraph opens a department entry."""
    body = _strip_marker(paragraph)
    match = re.match(r"^([^：:。；;，,]{2,%d}?)[：:](.*)$" % DEPT_HEAD_MAX_CHARS, body)
    verb = _verb_head(body) if verb_heads and not match else None
    if match:
        head, rest = match.group(1), match.group(2).strip()
    elif verb:
        head, rest = verb
    elif 2 <= len(body) <= DEPT_HEAD_MAX_CHARS and not re.search(r"[，。；,;]", body) and not _COLUMNS.search(body):
        head, rest = body, ""
        if not is_department(head):
            return None
    else:
        return None
    if _ADDRESSEE.search(head) or _NOT_OWN_ENTRY.match(head):
        return None
    names: list[str] = []
    parts = [p for p in _HEAD_SPLIT.split(head) if p.strip()]
    for position, part in enumerate(parts):
        prefix = _dept_prefix(part)
        if prefix is None:
            return None
        if position < len(parts) - 1 and prefix != part.strip():
            return None  # only the last part may carry trailing words (需提供以下资料)
        names.append(prefix)
    return names, rest


def _task_first(paragraph: str, previous: str) -> list[tuple[list[str], str, list[str]]] | None:
    """Entries for "task … 牵头单位：A；配合单位：B、C" (the task may stand in the previous paragraph)."""
    units = list(_UNITS_CLAUSE.finditer(paragraph))
    if not units:
        return None
    task = _strip_marker(_UNITS_CLAUSE.sub("", paragraph)).strip("。；;，, ")
    if len(task) < MIN_DUTY_CHARS:
        task = _strip_marker(previous).strip("。；;，, ")
    names = [n.strip() for m in units for n in _HEAD_SPLIT.split(m.group(1))]
    names = [n for n in names if n and is_department(n) and not _ADDRESSEE.search(n)]
    if not names or len(task) < MIN_DUTY_CHARS:
        return None
    return [([name], "", [task]) for name in names]  # one task = one responsibility, never split


def _duty_section(paras: list[str]) -> tuple[int, int]:
    """(start, end) of the duty section; without one, from the first heading on (skipping the notice's header)."""
    for index, paragraph in enumerate(paras):
        level = _level(paragraph)
        if level is None or level > 2 or len(_strip_marker(paragraph)) > 30:
            continue
        if _DUTY_HEADING.search(paragraph) and _dept_head(paragraph) is None:
            for end in range(index + 1, len(paras)):
                other = _level(paras[end])
                if other is not None and other <= level and _dept_head(paras[end]) is None:
                    return index + 1, end
            return index + 1, len(paras)
    first = next((n for n, p in enumerate(paras) if _level(p) in (1, 2)), 0)
    return first, len(paras)


def _split_duties(rest: str, items: list[str]) -> list[str]:
    duties: list[str] = []
    starts = [m for m in _INLINE_ITEM.finditer(rest)]
    if starts:
        preamble = rest[: starts[0].start()].strip()
        if preamble and preamble[-1] not in "：:":
            duties.extend(_clauses(preamble))
        for current, following in zip(starts, starts[1:] + [None]):
            end = following.start() if following else len(rest)
            duties.append(rest[current.end(): end])
    elif rest and not (items and rest.rstrip()[-1:] in "：:"):
        duties.extend(_clauses(rest))
    duties.extend(_strip_marker(item) for item in items)
    cleaned = [d.strip().strip("。；;，,、 ").strip() for d in duties]
    return [d for d in cleaned if len(d) >= MIN_DUTY_CHARS]


def _clauses(text: str) -> list[str]:
    return [c for c in re.split(r"[。；;]", text) if c.strip()]


def _county_and_year(paras: list[str]) -> tuple[str | None, str | None, int | None]:
    for paragraph in paras[:30]:
        compact = re.sub(r"\s+", "", unicodedata.normalize("NFKC", paragraph))
        compact = re.sub(r"([〇○零一二三四五六七八九]{4})年", lambda m: f"{parse_cn_int(m.group(1))}年", compact)
        match = re.search(r"([\u4e00-\u9fff]{2,24})(20\d{2})年", compact)
        after = re.search(r"(20\d{2})年度?([\u4e00-\u9fff]{2,24}?(?:县|区|旗))", compact)
        for run, year in ((match.group(1), match.group(2)) if match else ("", ""),
                          (after.group(2), after.group(1)) if after else ("", "")):
            run = re.sub(r"^.*?(?:关于印发|关于做好|关于|印发)", "", run)
            units = re.findall(r".+?(?:自治区|省|市|州|盟|地区|县|区|旗)", run)
            counties = [u for u in units if u.endswith(("县", "区", "旗", "市"))
                        and not u.startswith(("我", "全", "本")) and not _NOT_COUNTY.search(u)]
            if counties:
                return counties[-1], "".join(units), int(year)
    year = re.search(r"(20\d{2})\s*年", "\n".join(paras[:30]))
    issuer = re.search(r"([\u4e00-\u9fff]{1,10}?(?:县|区|旗))人民政府", "\n".join(paras[:10]))
    return (issuer.group(1) if issuer else None), None, int(year.group(1)) if year else None


def _strip_place(name: str, county_names: tuple[str, ...]) -> str:
    for county in sorted(county_names, key=len, reverse=True):
        if name.startswith(county):
            return name[len(county):]
    return name


def _office(text: str, county_names: tuple[str, ...]) -> tuple[str | None, str | None]:
    match = (re.search(r"办公室设在([^，。；,;\n（(]{2,30})", text)
             or re.search(r"(?:职能并入|下设|设立)([^，。；,;\n]{2,40}?办公室)", text))
    if not match:
        return None, None
    written = match.group(1).strip()
    canonical = normalize_department(written, county_names)
    return written, canonical if is_department(written) else None


_CN_DATE = re.compile(r"([一二三四五六七八九十]{1,3})月(?:([一二三四五六七八九十]{1,3})日)?")


def _cn_date_digits(match: re.Match[str]) -> str:
    day = f"{parse_cn_int(match.group(2))}日" if match.group(2) else ""
    return f"{parse_cn_int(match.group(1))}月{day}"


_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_DATE = re.compile(r"(?:(?P<y>20\d{2})年)?(?:考核|评价)?(?:年度?)?(?P<m>\d{1,2})月(?:(?P<d>\d{1,2})[日号]|(?P<part>上旬|中旬|下旬|底|末))")
_DUE_AFTER = re.compile(r"^(?:之?前|以前|为止|止|截止)")
_DUE_BEFORE = re.compile(r"(?:于|在|截止|截至|到)$")
_ACTION = re.compile(r"完成|报送|提交|上报|召开|报至|汇总|送达|进行")


def find_deadlines(paras: list[str], year: int | None) -> list[tuple[str, str]]:
    """(date, what) for dates given as deadlines: "10月20日前报送…", "于10月上旬召开…"; year from the plan."""
    found: list[tuple[str, str]] = []
    for paragraph in paras:
        flat = _CN_DATE.sub(_cn_date_digits, re.sub(r"\s+", "", paragraph.translate(_DIGITS)))
        for clause in re.split(r"[。；;]", flat):
            matches = list(_DATE.finditer(clause))
            for current, following in zip(matches, matches[1:] + [None]):
                after = clause[current.end():]
                before = clause[: current.start()]
                due = bool(_DUE_AFTER.match(after)) or (bool(_DUE_BEFORE.search(before)) and bool(_ACTION.search(after)))
                the_year = int(current.group("y")) if current.group("y") else year
                if not due or the_year is None:
                    continue
                month = int(current.group("m"))
                if not 1 <= month <= 12:
                    continue
                date = f"{the_year:04d}-{month:02d}"
                if current.group("d"):
                    day = int(current.group("d"))
                    if not 1 <= day <= 31:
                        continue
                    date += f"-{day:02d}"
                stop = following.start() - current.end() if following else len(after)
                what = _DUE_AFTER.sub("", after[:stop]).strip("，,、:： ")
                if len(re.split(r"[，,]", what)[0]) < MIN_DUTY_CHARS:
                    what = (before + current.group(0) + after[:stop]).strip("，,、 ")
                if (date, what) not in found:
                    found.append((date, what))
    return found


Entry = tuple[list[str], str, list[str]]  # (department names as written, text after the colon, following items)


def _collect_entries(paras: list[str], in_section: bool) -> list[Entry]:
    """Department entries of the duty section (see the module docstring for the layout rules)."""
    entries: list[Entry] = []
    open_entry = False
    entry_level = 0
    previous = ""
    for paragraph in paras:
        task_first = _task_first(paragraph, previous)
        previous = paragraph
        if task_first is not None:
            entries.extend(task_first)
            open_entry = False
            continue
        head = _dept_head(paragraph, verb_heads=in_section)
        if head is not None:
            entries.append((head[0], head[1], []))
            entry_level = _level(paragraph) or 0
            # an entry whose text follows on the next lines: "县林业局：", "（三）县农业农村局"; a bare body name
            # without numbering or colon (the issuing office above a notice) opens nothing
            introduced = bool(entry_level) or bool(re.match(r"^[^：:]{2,%d}[：:]" % DEPT_HEAD_MAX_CHARS,
                                                            _strip_marker(paragraph)))
            open_entry = introduced and (not head[1] or head[1].rstrip()[-1:] in "：:")
            continue
        level = _level(paragraph)
        if level in (1, 2):  # a sub-heading that names no department closes the entry
            open_entry = False
            continue
        deeper = level is not None and level > entry_level  # "1." items under a "（一）" or unnumbered entry
        if entries and (deeper or open_entry) and not _NOT_OWN_ENTRY.match(paragraph):
            entries[-1][2].append(paragraph)
        else:
            open_entry = False
    return entries


def _departments(entries: list[Entry], matcher: MentionMatcher, county_names: tuple[str, ...]) -> list[DepartmentDuty]:
    """One DepartmentDuty per canonical body; the same body in several entries (merged table cells, 县委办 and
    县政府办 written apart) gets all their duties."""
    merged: dict[str, tuple[list[str], list[Responsibility]]] = {}  # canonical → (names as written, duties)
    for names, rest, items in entries:
        duties = [Responsibility(d, matcher.indicators(d), matcher.evidence_types(d))
                  for d in _split_duties(rest, items)]
        if not duties:
            logger.info("department entry without any task skipped: %s", "、".join(names))
            continue
        for name in names:
            written, collected = merged.setdefault(normalize_department(name, county_names), ([], []))
            if name not in written:
                written.append(name)
            collected.extend(d for d in duties if d not in collected)
    return [DepartmentDuty("、".join(w), c, tuple(d)) for c, (w, d) in merged.items()]


def parse_plan(text: str, catalog: Catalog | None = None) -> Plan:
    """Parse a county plan's text into departments, responsibilities, deadlines and unassigned indicators."""
    catalog = catalog or load_catalog()
    paras = paragraphs(text)
    county, full_place, year = _county_and_year(paras)
    county_names = tuple(n for n in (full_place, county, county[:-1] if county and len(county) >= 3 else None) if n)
    start, end = _duty_section(paras)
    in_section = start > 0 and bool(_DUTY_HEADING.search(paras[start - 1]))
    departments = _departments(_collect_entries(paras[start:end], in_section), MentionMatcher(catalog), county_names)
    covered = {i for d in departments for r in d.responsibilities for i in r.indicators}
    unassigned = tuple((ind.id, ind.name) for ind in catalog.indicators
                       if not ind.legacy and ind.kind not in ("composite", "index") and ind.id not in covered)
    office, office_canonical = _office("\n".join(paras), county_names)
    if office and not (office_canonical and office_canonical in CANONICAL_ALIASES):
        # "…分局：承担生态环境保护专项工作机制办公室职责" names the body that hosts the office
        core = _strip_place(office, county_names)
        host = next((d for d in departments for r in d.responsibilities if f"承担{core}" in r.text), None)
        office_canonical = host.canonical if host else None
    deadlines = tuple(Deadline(d, w) for d, w in find_deadlines(paras, year))
    group = parse_leading_group(paras, county_names)
    return Plan(county, year, office, tuple(departments), deadlines, unassigned, group, office_canonical)


def _row_line(header: dict[int, str], cells: dict[int, str], carried: str | None) -> tuple[str, str | None]:
    """One table row as a plan line — "单位：任务，材料" (one row = one duty) or, for task-first tables,
    "任务。牵头单位：A、B" — and the department it names, carried down into rows of a vertically merged unit cell."""
    cols = sorted(c for c, t in cells.items() if t)
    texts = [cells[c] for c in cols]
    unit_cols = {c for c, h in header.items() if re.search(r"单位|部门", h)}
    units = [cells[c] for c in cols if c in unit_cols and is_department(cells[c])]
    tasks = [cells[c] for c in cols if c not in unit_cols and not re.fullmatch(r"\d{1,3}", cells[c])]
    dept_at = next((n for n, t in enumerate(texts[:2]) if is_department(t)), None)
    if dept_at == 1 and not re.fullmatch(r"\d{1,3}", texts[0]):
        dept_at = None  # only 序号 | 单位 | 任务 puts the unit second
    if dept_at is not None and len(texts) > dept_at + 1:
        return texts[dept_at] + "：" + "，".join(texts[dept_at + 1:]), texts[dept_at] + "："
    if units and tasks:
        return "，".join(tasks) + "。牵头单位：" + "、".join(units), "。牵头单位：" + "、".join(units)
    if carried and tasks:  # the unit cell is merged with the row above
        return (carried + "，".join(tasks)) if carried.endswith("：") else "，".join(tasks) + carried, carried
    return " ".join(texts), None


def plan_text_from_document(document: Any) -> str:
    """Text of an ``extract.model.Document``; table rows become plan lines (see ``_row_line``)."""
    lines: list[str] = []
    for page in document.pages:
        rows: dict[tuple[int, int], dict[int, str]] = {}
        order: list[tuple[str, Any]] = []
        for block in page.blocks:
            if block.cell is None:
                order.append(("text", block.text))
                continue
            key = (block.cell.table, block.cell.row)
            if key not in rows:
                rows[key] = {}
                order.append(("row", key))
            rows[key][block.cell.col] = re.sub(r"\s*\n\s*", "", block.text.strip())
        headers: dict[int, dict[int, str]] = {}
        carried: dict[int, str | None] = {}
        for kind, value in order:
            if kind == "text":
                lines.append(value)
                continue
            cells = rows[value]
            if value[0] not in headers:
                headers[value[0]] = cells
                lines.append(" ".join(t for _, t in sorted(cells.items()) if t) + "。")
                continue
            line, carried[value[0]] = _row_line(headers[value[0]], cells, carried.get(value[0]))
            lines.append(line + ("" if not line or line[-1] in _TERMINAL else "。"))  # a row is complete
    return "\n".join(lines)


def read_plan(path: Path | str, catalog: Catalog | None = None) -> Plan:
    """Read a plan in any supported format (through extract.reader) and parse it."""
    path = Path(path)
    if path.suffix.lower() in (".txt", ".md"):
        raw = path.read_bytes()
        best = from_bytes(raw).best()
        if not raw.strip() or best is None:
            raise BadInputError("empty", f"方案文件为空或无法识别编码：{path.name}")
        return parse_plan(str(best), catalog)
    sha256 = hashlib.sha256(path.read_bytes()).hexdigest()
    document = read_document(path, path.name, sha256, None)
    if document.status == "error":
        problem = document.problems[0] if document.problems else None
        raise BadInputError(problem.category if problem else "unreadable",
                            problem.message if problem else f"方案文件无法读取：{path.name}")
    if pages_needing_ocr(document):
        from extract.ocr import OcrOptions, get_engine

        document = read_document(path, path.name, sha256, get_engine(OcrOptions()))
    text = plan_text_from_document(document)
    if not text.strip():
        raise BadInputError("empty", f"方案文件中没有文字：{path.name}")
    return parse_plan(text, catalog)
