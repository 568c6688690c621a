"""OCR throughput benchmark: ecoaudit's OCR path (worker pool) against ``RapidOCR()`` defaults in one process.

Pages come from ``corpus/samples`` (scanned pages listed in ``labels.json`` with their exact text); when the samples
provide fewer than ``--pages``, synthetic scanned pages are rendered with Pillow and a CJK font (known text, tilt,
blur, speckle, JPEG, red seals, tables). Reported: pages/min of each path, the ratio, CER (strict and
whitespace-free), peak RSS of ecoaudit's process tree (sampled; the baseline's process apart) and the text-layer
PDF rate.
"""
from __future__ import annotations

import contextlib
import json
import logging
import math
import multiprocessing
import os
import random
import statistics
import tempfile
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import psutil
from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont

from extract.errors import EcoauditError
from extract.ocr.base import OcrOptions

log = logging.getLogger(__name__)

CJK_FONTS = (
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
)
A4_PT = (595.0, 842.0)
BODY_PT = 12.0  # body text size (小四 ≈ 12 pt) of the synthetic pages
LINE_PT = 24.0  # line pitch (1.5–2 line spacing, usual for government documents)
MARGIN_PT = 70.0
WRAP_CHARS = 34  # characters per body line: (595 − 2 × 70) pt / 12 pt ≈ 37 full-width characters, minus slack
SEAL_DIAMETER_CM = 4.2  # a standard 4.2 cm round official seal
RSS_SAMPLE_S = 0.2  # seconds between RSS samples of the process tree
ROUND_PAGES_PER_WORKER = 4  # pages per worker in one interleaved round (fewer: workers idle at each round's end)

SUBJECTS = ("县生态环境局", "县财政局", "县林业局", "县自然资源局", "县住房和城乡建设局", "县水利局", "县农业农村局")
SENTENCES = (
    "{y}年全县森林覆盖率达到{p}%，较上年提高{q}个百分点。",
    "{y}年共投入生态环境保护资金{m}万元，其中中央转移支付{n}万元。",
    "城镇污水处理率为{p}%，生活垃圾无害化处理率为100%。",
    "全年空气质量优良天数比例为{p}%，PM2.5年均浓度为{c}微克/立方米。",
    "县域内地表水国控断面水质达到或优于Ⅲ类比例为100%。",
    "新增污水管网长度{k}公里，完成农村环境综合整治村{c}个。",
    "根据《国家重点生态功能区县域生态环境质量监测评价与考核办法》要求，现将有关情况报告如下。",
    "{s}于{y}年{mo}月{d}日召开专题会议，研究部署生态环境保护重点工作。",
    "全年完成营造林面积{k}公顷，治理水土流失面积{c}平方公里。",
)
TABLE_LABELS = ("森林覆盖率", "草地覆盖率", "水域湿地覆盖率", "耕地和建设用地比例", "城镇污水处理率", "空气质量优良天数比例")


@dataclass(frozen=True)
class BenchPage:
    path: Path  # the file the page is rendered from (sample scan or a synthetic JPEG written for the run)
    page_no: int  # 1-based
    text: str  # ground truth, lines joined by "\n"
    source: str  # sample path "#page" or "synthetic:<n>"


def cjk_font_path() -> str:
    for candidate in CJK_FONTS:
        if Path(candidate).exists():
            return candidate
    raise EcoauditError("未找到中文字体（请安装 fonts-wqy-zenhei）/ no CJK font installed")


def _fill(template: str, rng: random.Random) -> str:
    return template.format(
        y=rng.choice((2022, 2023, 2024)), p=f"{rng.uniform(60, 99.9):.2f}", q=f"{rng.uniform(0.1, 2):.1f}",
        m=f"{rng.randint(1000, 99999):,}", n=f"{rng.randint(100, 9999):,}", c=rng.randint(3, 60),
        k=f"{rng.uniform(1, 500):.1f}", s=rng.choice(SUBJECTS), mo=rng.randint(1, 12), d=rng.randint(1, 28),
    )


def draw_seal(image: Image.Image, center: tuple[int, int], dpi: float, font_path: str, name: str = "县人民政府",
              red: tuple[int, int, int] = (215, 30, 35), diameter_cm: float = SEAL_DIAMETER_CM) -> None:
    """A red round official seal: ring, star and the organ's name along the top of the ring (multiplied over)."""
    diameter = int(diameter_cm / 2.54 * dpi)
    layer = Image.new("RGB", (diameter, diameter), "white")
    d = ImageDraw.Draw(layer)
    width = max(3, diameter // 40)
    d.ellipse((width, width, diameter - width, diameter - width), outline=red, width=width)
    r, c = diameter / 2, diameter / 2
    star = []
    for i in range(10):
        rad = (r * 0.22) if i % 2 == 0 else (r * 0.09)
        ang = -math.pi / 2 + i * math.pi / 5
        star.append((c + rad * math.cos(ang), c + rad * math.sin(ang)))
    d.polygon(star, fill=red)
    font = ImageFont.truetype(font_path, max(8, int(diameter * 0.12)))
    chars = list(name)
    for i, ch in enumerate(chars):
        ang = math.pi * (1.15 + 0.7 * i / max(1, len(chars) - 1))
        glyph = Image.new("L", (int(diameter * 0.16),) * 2, 0)
        ImageDraw.Draw(glyph).text((0, 0), ch, font=font, fill=255)
        glyph = glyph.rotate(-math.degrees(ang) - 90, expand=True)
        x = int(c + r * 0.72 * math.cos(ang) - glyph.width / 2)
        y = int(c + r * 0.72 * math.sin(ang) - glyph.height / 2)
        layer.paste(Image.new("RGB", glyph.size, red), (x, y), glyph)
    x0, y0 = center[0] - diameter // 2, center[1] - diameter // 2
    region = image.crop((x0, y0, x0 + diameter, y0 + diameter))
    image.paste(ImageChops.multiply(region, layer), (x0, y0))


Row = str | list[tuple[float, str]]  # a line at the left margin, or pieces at given x positions (pt)


def render_text_page(rows: list[Row], *, dpi: int = 200, top_pt: float = MARGIN_PT,
                     landscape: bool = False) -> Image.Image:
    """A white A4 page with ``rows`` of black 12 pt CJK text, one per ``LINE_PT`` (test and bench pages)."""
    scale = dpi / 72.0
    width, height = (A4_PT[1], A4_PT[0]) if landscape else A4_PT
    image = Image.new("RGB", (int(width * scale), int(height * scale)), "white")
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(cjk_font_path(), int(BODY_PT * scale))
    for i, row in enumerate(rows):
        y = (top_pt + i * LINE_PT) * scale
        for x_pt, text in [(MARGIN_PT, row)] if isinstance(row, str) else row:
            draw.text((x_pt * scale, y), text, font=font, fill="black")
    return image


def _wrap(sentence: str) -> list[str]:
    """Break a sentence into lines of at most ``WRAP_CHARS``, never inside a number or before punctuation."""
    lines: list[str] = []
    rest = sentence
    while len(rest) > WRAP_CHARS:
        cut = WRAP_CHARS
        while cut > 1 and (rest[cut] in "，。、；：%）》" or (rest[cut - 1].isascii() and rest[cut].isascii())):
            cut -= 1
        lines.append(rest[:cut])
        rest = rest[cut:]
    return [*lines, rest] if rest else lines


def render_synthetic(index: int, dpi: int = 200, seed: int = 7) -> tuple[Image.Image, str]:
    """One synthetic scanned A4 page with known text; the mix repeats every 4 pages (plain, seal, table, worn)."""
    rng = random.Random(seed * 1000 + index)
    font_path = cjk_font_path()
    scale = dpi / 72.0
    width, height = int(A4_PT[0] * scale), int(A4_PT[1] * scale)
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(font_path, int(BODY_PT * scale))
    kind = index % 4
    lines: list[str] = [f"关于{rng.choice((2023, 2024))}年度生态环境保护工作情况的报告"]
    if kind == 2:
        lines += [f"{label} {rng.uniform(10, 99):.2f}%" for label in TABLE_LABELS]
    for _ in range(rng.randint(8, 14)):
        sentence = _fill(rng.choice(SENTENCES), rng)
        lines += _wrap(sentence)
    lines += [rng.choice(SUBJECTS), f"{rng.choice((2023, 2024))}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日"]
    y = MARGIN_PT * scale
    for i, line in enumerate(lines):
        x = MARGIN_PT * scale
        if kind == 2 and 1 <= i <= len(TABLE_LABELS):  # table row: label left, value in a right column
            label, value = line.split(" ")
            draw.text((x, y), label, font=font, fill="black")
            draw.text((x + 300 * scale, y), value, font=font, fill="black")
            draw.line((x - 5, y - 8, x + 420 * scale, y - 8), fill="black", width=2)
        elif i >= len(lines) - 2:  # signature block to the right
            draw.text((width - 230 * scale, y), line, font=font, fill="black")
        else:
            draw.text((x, y), line, font=font, fill="black")
        y += LINE_PT * scale
    if kind == 1:
        draw_seal(image, (int(width - 170 * scale), int(y - 2.5 * LINE_PT * scale)), dpi, font_path)
    tilt = rng.uniform(-1.5, 1.5) if kind in (2, 3) else rng.uniform(-0.5, 0.5)
    image = image.rotate(tilt, resample=Image.BICUBIC, fillcolor="white")
    if kind == 3:
        image = image.filter(ImageFilter.GaussianBlur(0.8))
        pixels = image.load()
        for _ in range(width * height // 2000):
            pixels[rng.randrange(width), rng.randrange(height)] = (90, 90, 90)
    return image, "\n".join(lines)


def render_file_page(path: Path, page_no: int, dpi: int) -> Image.Image:
    """Render a page of a sample or synthetic file through the format backends (as ingest does)."""
    from extract.hashing import sha256_file
    from extract.registry import open_backend

    with open_backend(path, sha256_file(path), path.name) as backend:
        return backend.render(page_no, dpi)  # type: ignore[attr-defined]


def sample_package(samples_dir: Path) -> tuple[dict[str, Any], Path] | None:
    """The samples' ``labels.json`` and the package folder it names; None when the samples are absent."""
    labels_path = samples_dir / "labels.json"
    if not labels_path.is_file():
        return None
    labels = json.loads(labels_path.read_text(encoding="utf-8"))
    return labels, samples_dir / labels.get("folder", "package")


def load_sample_pages(samples_dir: Path, limit: int) -> list[BenchPage]:
    """Scanned pages with exact ground truth from ``labels.json`` (empty list when the samples are absent)."""
    sample = sample_package(samples_dir)
    if sample is None or limit <= 0:
        return []
    labels, folder = sample
    pages: list[BenchPage] = []
    for entry in labels.get("files", []):
        path = folder / entry["path"]
        if not entry.get("scanned") or not entry.get("pages") or not path.is_file():
            continue  # zip members and text-layer files are not OCR benchmarks
        for page in entry["pages"]:
            pages.append(BenchPage(path, int(page["page"]), page["text"], f"{entry['path']}#{page['page']}"))
            if len(pages) >= limit:
                return pages
    return pages


def bench_pages(count: int, samples_dir: Path, work_dir: Path, dpi: int = 200) -> list[BenchPage]:
    """``count`` pages: the samples' scanned pages first, then synthetic scans written to ``work_dir`` as JPEG
    files (tagged with their dpi, as a scanner writes them) for the rest."""
    pages = load_sample_pages(samples_dir, count)
    start = len(pages)
    for index in range(start, count):
        image, text = render_synthetic(index, dpi)
        path = work_dir / f"synthetic_{index:04d}.jpg"
        image.save(path, "JPEG", quality=80, dpi=(dpi, dpi))
        pages.append(BenchPage(path, 1, text, f"synthetic:{index}"))
    log.info("bench pages: %d from samples, %d synthetic", start, count - start)
    return pages


def char_error_rate(hyps: list[str], refs: list[str], *, strict: bool) -> float:
    """Edit distance / reference length over all pages; whitespace-free unless ``strict``."""
    from rapidfuzz.distance import Levenshtein

    errors = total = 0
    for hyp, ref in zip(hyps, refs, strict=True):
        if not strict:
            hyp, ref = "".join(hyp.split()), "".join(ref.split())
        errors += Levenshtein.distance(hyp, ref)
        total += len(ref)
    return errors / total if total else 0.0


class RssSampler:
    """Peak resident memory of this process and all its descendants, sampled in a background thread. Processes
    listed in ``apart`` (the baseline's) are summed separately into ``apart_peak``."""

    def __init__(self, interval: float = RSS_SAMPLE_S) -> None:
        self.interval = interval
        self.peak = 0
        self.apart_peak = 0
        self.apart: set[int] = set()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def sample(self) -> int:
        root = psutil.Process()
        total = apart = 0
        for proc in [root, *root.children(recursive=True)]:
            try:
                rss = proc.memory_info().rss
            except (psutil.NoSuchProcess, psutil.AccessDenied):
                continue  # a worker that exited between listing and reading
            if proc.pid in self.apart:
                apart += rss
            else:
                total += rss
        self.peak = max(self.peak, total)
        self.apart_peak = max(self.apart_peak, apart)
        return total

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self.sample()

    def __enter__(self) -> "RssSampler":
        self.sample()
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.sample()


@dataclass
class Timings:
    startup: float = 0.0  # seconds until the pool's workers had their models loaded
    ecoaudit: float = 0.0  # seconds in ecoaudit's OCR path
    baseline: float = 0.0  # seconds in RapidOCR() defaults
    texts: list[str] = field(default_factory=list)
    baseline_texts: list[str] = field(default_factory=list)
    cpu: float = 0.0  # CPU seconds of ecoaudit's workers (load-independent; model loading included)
    baseline_cpu: float = 0.0  # CPU seconds of the baseline process (model loading included)


_BASELINE: Any = None  # RapidOCR() of the baseline process


def _baseline_init() -> None:
    global _BASELINE
    from rapidocr_onnxruntime import RapidOCR

    _BASELINE = RapidOCR()


def _baseline_pid() -> int:
    return os.getpid()


def _baseline_read(path: str, page_no: int, dpi: int) -> str:
    """One page through ``RapidOCR()`` defaults (rendering included, as for ecoaudit), lines in its order."""
    result, _elapsed = _BASELINE(render_file_page(Path(path), page_no, dpi))
    return "\n".join(str(line[1]) for line in result or [])


def run_paths(pages: list[BenchPage], options: OcrOptions, workers: int, baseline: bool, rss: RssSampler) -> Timings:
    """Both paths on the same pages, interleaved in rounds of ``ROUND_PAGES_PER_WORKER × workers`` pages so a
    change in the machine's load (shared CPU) hits both alike.

    ecoaudit: ``OcrPool.map`` — the path ingest uses (render + OCR in long-lived workers). Baseline: ``RapidOCR()``
    with its defaults in one separate process (its memory is reported apart from ecoaudit's)."""
    from extract.hashing import sha256_file
    from extract.ocr.pool import OcrPool

    hashes = {p.path: sha256_file(p.path) for p in pages}
    out = Timings()
    started = time.perf_counter()
    with contextlib.ExitStack() as stack:
        pool = stack.enter_context(OcrPool(options, workers))
        pool.probe()  # workers up, models loaded
        out.startup = time.perf_counter() - started
        reference = None
        if baseline:
            reference = stack.enter_context(ProcessPoolExecutor(
                max_workers=1, mp_context=multiprocessing.get_context("spawn"), initializer=_baseline_init))
            rss.apart.add(reference.submit(_baseline_pid).result())
        size = ROUND_PAGES_PER_WORKER * max(1, workers)
        for first in range(0, len(pages), size):
            chunk = pages[first : first + size]
            tick = time.perf_counter()
            tasks = [(str(p.path), p.source, hashes[p.path], p.page_no, options.dpi) for p in chunk]
            out.texts += [page.text for page in pool.map(tasks)]
            out.ecoaudit += time.perf_counter() - tick
            if reference is not None:
                tick = time.perf_counter()
                for page in chunk:
                    future = reference.submit(_baseline_read, str(page.path), page.page_no, options.dpi)
                    out.baseline_texts.append(future.result())
                out.baseline += time.perf_counter() - tick
        for child in psutil.Process().children(recursive=True):
            with contextlib.suppress(psutil.NoSuchProcess):  # e.g. multiprocessing's resource tracker exiting
                spent = sum(child.cpu_times()[:2])
                if child.pid in rss.apart:
                    out.baseline_cpu += spent
                else:
                    out.cpu += spent
    return out


def write_text_pdf(path: Path, count: int, seed: int = 11) -> Path:
    """A ``count``-page text-layer PDF of report sentences (reportlab, CJK font), like a typed county report."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    if "BenchCJK" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("BenchCJK", cjk_font_path(), subfontIndex=0))
    rng = random.Random(seed)
    pdf = canvas.Canvas(str(path), pagesize=A4)
    for _ in range(count):
        pdf.setFont("BenchCJK", BODY_PT)
        y = A4[1] - MARGIN_PT
        while y > MARGIN_PT:
            pdf.drawString(MARGIN_PT, y, _fill(rng.choice(SENTENCES), rng)[:38])
            y -= LINE_PT
        pdf.showPage()
    pdf.save()
    return path


def text_layer_rate(tmp_dir: Path, count: int = 60) -> float:
    """Pages per second reading a text-layer PDF (reportlab, CJK font) through ecoaudit's reader."""
    from extract.hashing import sha256_file
    from extract.reader import read_document

    path = write_text_pdf(tmp_dir / "bench_text_layer.pdf", count)
    sha = sha256_file(path)
    started = time.perf_counter()
    doc = read_document(path, path.name, sha, None)
    elapsed = time.perf_counter() - started
    if len(doc.pages) != count or not doc.pages[0].text.strip():
        raise EcoauditError(f"文本层 PDF 读取异常：{len(doc.pages)} 页 / text-layer benchmark read failed")
    return count / elapsed


TEXT_INGEST_PAGES_PER_FILE = 30  # a county folder holds many mid-sized reports rather than one huge PDF


TEXT_INGEST_PAGES = 600  # a department's folder of digital reports: 20 files of 30 pages
# runs of the text-layer ingest, the median printed: on a shared 2-core machine one run moves by a third
TEXT_INGEST_RUNS = 3


def text_ingest_run(tmp_dir: Path, count: int = TEXT_INGEST_PAGES, samples_dir: Path | None = None) -> float | None:
    """``text_ingest_rate`` (or, given ``samples_dir``, ``sample_text_ingest_rate``) in a fresh interpreter: every
    run pays for its imports and for building the linker, as a user's ``ecoaudit ingest`` does (in this process
    the second run would find them done)."""
    tmp_dir.mkdir(parents=True)
    with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn")) as fresh:
        if samples_dir is not None:
            return fresh.submit(sample_text_ingest_rate, samples_dir, tmp_dir, count).result()
        return fresh.submit(text_ingest_rate, tmp_dir, count).result()


def sample_text_ingest_rate(samples_dir: Path, tmp_dir: Path, count: int = TEXT_INGEST_PAGES) -> float | None:
    """Pages per second ingesting copies of the sample package's text-layer PDFs up to ``count`` pages: real
    documents, with the ruled tables (budgets, ledgers, monitoring tables) that pdfplumber reads at 25–60 ms a
    page, where the synthetic folder of ``text_ingest_rate`` is table-free. Each copy differs by a trailing
    comment, so none is skipped as a duplicate. None without samples."""
    from extract.reader import pages_needing_ocr, read_document

    sample = sample_package(samples_dir)
    if sample is None:
        return None
    sources: list[tuple[bytes, int]] = []
    for path in sorted(sample[1].rglob("*.pdf")):
        doc = read_document(path, path.name, "0" * 64, None)
        if doc.status == "ok" and doc.pages and not pages_needing_ocr(doc):
            sources.append((path.read_bytes(), len(doc.pages)))
    if not sources:
        return None
    folder = tmp_dir / "sample_text_ingest"
    folder.mkdir()
    pages = copies = 0
    while pages < count:
        data, page_count = sources[copies % len(sources)]
        (folder / f"材料{copies:04d}.pdf").write_bytes(data + f"\n%copy {copies}\n".encode())
        pages, copies = pages + page_count, copies + 1
    return _timed_ingest(folder, tmp_dir / "sample_text_ingest.sqlite", pages)


def text_ingest_rate(tmp_dir: Path, count: int = TEXT_INGEST_PAGES) -> float:
    """Pages per second ingesting a folder of text-layer PDFs end to end (read, facts, classifiers, store writes)
    into a temporary store through ``evidence_index.ingest.ingest_folder``, with its default analysis workers
    (one per core for a folder of this size); the time includes starting them."""
    folder = tmp_dir / "text_ingest"
    folder.mkdir()
    files = max(1, count // TEXT_INGEST_PAGES_PER_FILE)
    for index in range(files):
        write_text_pdf(folder / f"报告{index + 1:02d}.pdf", count // files, seed=100 + index)
    return _timed_ingest(folder, tmp_dir / "text_ingest.sqlite", files * (count // files))


def _ingest(folder: Path, store: Any, workers: int | None = 0) -> tuple[Any, float]:
    """``ingest_folder`` of ``folder`` into ``store``: its summary and the seconds it took."""
    from evidence_index.ingest import IngestOptions, ingest_folder

    started = time.perf_counter()
    summary = ingest_folder(folder, store, IngestOptions(workers=workers))
    return summary, time.perf_counter() - started


def _timed_ingest(folder: Path, db_path: Path, expected_pages: int) -> float:
    """Pages per second of ``ingest_folder`` on ``folder`` into a new index (no page may need OCR)."""
    from evidence_index.store import Store

    with contextlib.closing(Store(db_path)) as store:
        summary, elapsed = _ingest(folder, store)
    if summary.pages != expected_pages or summary.ocr_pages:
        raise EcoauditError(f"文本层 PDF 入库异常：{summary.pages} 页 / text-layer ingest benchmark failed")
    return summary.pages / elapsed


def sample_ingest(samples_dir: Path, tmp_dir: Path, workers: int | None) -> dict[str, object]:
    """Ingest the sample package (every format, its scans OCRed) into a temporary index: files, pages, OCR pages,
    seconds and files per second; empty when the samples are absent."""
    from evidence_index.store import Store

    sample = sample_package(samples_dir)
    if sample is None:
        return {}
    with contextlib.closing(Store(tmp_dir / "sample_ingest.sqlite")) as store:
        summary, _ = _ingest(sample[1], store, workers)
    files = summary.read + summary.duplicates
    return {"sample_ingest_files": files, "sample_ingest_pages": summary.pages,
            "sample_ingest_ocr_pages": summary.ocr_pages, "sample_ingest_s": round(summary.elapsed, 2),
            "sample_ingest_files_per_s": round(files / summary.elapsed, 2) if summary.elapsed else None}


UNCHANGED_FILES = 500  # the yardstick: re-ingesting a county folder of 500 files that did not change


def unchanged_reingest_s(tmp_dir: Path, files: int = UNCHANGED_FILES) -> float:
    """Seconds to re-ingest a folder of ``files`` text files already in the index and unchanged on disk (the
    (size, mtime) check: no file is hashed or read again)."""
    from evidence_index.store import Store

    folder = tmp_dir / "unchanged"
    for index in range(files):
        sub = folder / f"部门{index % 15:02d}"
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"台账{index:03d}.txt").write_text(f"第{index}号台账：{2024}年处理量{index + 1}吨。\n", encoding="utf-8")
    with contextlib.closing(Store(tmp_dir / "unchanged.sqlite")) as store:
        _ingest(folder, store)
        summary, elapsed = _ingest(folder, store)
    if summary.unchanged != files or summary.read:
        raise EcoauditError(f"未变化文件重新入库异常：{summary.unchanged} 个未变化 / unchanged re-ingest benchmark failed")
    return elapsed


CPU_REFERENCE_ROUNDS = 3


def cpu_reference_ms() -> float:
    """Milliseconds of CPU for one fixed pure-Python workload (string and dict work, like the text pipeline's),
    best of three: the speed of this machine at the time of a run. Figures of runs on a shared machine are only
    comparable together with it (it measured 22–51 ms within one day on the 2-core machine of the README)."""
    best = float("inf")
    for _ in range(CPU_REFERENCE_ROUNDS):
        started = time.process_time()
        table: dict[str, int] = {}
        for i in range(200_000):
            key = str(i % 5000)
            table[key] = table.get(key, 0) + len(key)
        best = min(best, time.process_time() - started)
    return best * 1000


def run_bench(
    pages: int, engine: str = "rapid", workers: int | None = None, threads: int = 1,
    samples_dir: Path | None = None, baseline: bool = True,
) -> dict[str, object]:
    """Run the whole benchmark and return the figures (keys as printed by ``ecoaudit bench --json``)."""
    from extract.ocr.pool import default_workers

    if pages < 1:
        raise EcoauditError("--pages 必须为正整数 / --pages must be >= 1")
    options = OcrOptions(engine=engine, threads=threads)
    workers = default_workers(threads) if workers is None else workers
    samples_dir = samples_dir or Path(__file__).resolve().parent.parent / "corpus" / "samples"
    reference_before = cpu_reference_ms()
    with tempfile.TemporaryDirectory(prefix="ecoaudit-bench-") as tmp:
        bench = bench_pages(pages, samples_dir, Path(tmp), options.dpi)
        refs = [p.text for p in bench]
        load_before = psutil.getloadavg()[0]
        with RssSampler() as rss:
            timings = run_paths(bench, options, workers, baseline, rss)
        load_after = psutil.getloadavg()[0]
        text_rate = text_layer_rate(Path(tmp))
        ingest_runs = [text_ingest_run(Path(tmp) / f"text_ingest_run{run}") for run in range(TEXT_INGEST_RUNS)]
        ingest_rate = statistics.median(ingest_runs)
        sample_text_rate = text_ingest_run(Path(tmp) / "sample_text_ingest", samples_dir=samples_dir)
        unchanged_s = unchanged_reingest_s(Path(tmp))
        sample = sample_ingest(samples_dir, Path(tmp), workers)
    reference_after = cpu_reference_ms()
    texts, base_texts = timings.texts, timings.baseline_texts
    eco_ppm = 60.0 * len(bench) / timings.ecoaudit
    base_ppm = 60.0 * len(bench) / timings.baseline if baseline else None
    return {
        "pages": len(bench),
        "sample_pages": sum(1 for p in bench if not p.source.startswith("synthetic:")),
        "engine": engine,
        "workers": workers,
        "threads": threads,
        "ecoaudit_pages_per_min": round(eco_ppm, 1),
        "ecoaudit_startup_s": round(timings.startup, 2),
        "ecoaudit_cpu_s_per_page": round(timings.cpu / len(bench), 3) if workers else None,
        "baseline_cpu_s_per_page": round(timings.baseline_cpu / len(bench), 3) if baseline else None,
        "baseline_pages_per_min": round(base_ppm, 1) if base_ppm else None,
        "speedup": round(eco_ppm / base_ppm, 2) if base_ppm else None,
        "ecoaudit_cer": round(char_error_rate(texts, refs, strict=False), 4),
        "ecoaudit_cer_strict": round(char_error_rate(texts, refs, strict=True), 4),
        "baseline_cer": round(char_error_rate(base_texts, refs, strict=False), 4) if baseline else None,
        "baseline_cer_strict": round(char_error_rate(base_texts, refs, strict=True), 4) if baseline else None,
        "peak_rss_mb": round(rss.peak / 2**20, 1),
        "baseline_peak_rss_mb": round(rss.apart_peak / 2**20, 1) if baseline else None,
        "text_pages_per_s": round(text_rate, 1),
        "text_ingest_pages_per_s": round(ingest_rate, 1),
        "text_ingest_files_per_s": round(ingest_rate / TEXT_INGEST_PAGES_PER_FILE, 2),
        "text_ingest_runs_pages_per_s": [round(rate, 1) for rate in ingest_runs],
        "sample_text_ingest_pages_per_s": round(sample_text_rate, 1) if sample_text_rate else None,
        "unchanged_reingest_500_files_s": round(unchanged_s, 2),
        **sample,
        "load_avg_1min_before": round(load_before, 2),
        "load_avg_1min_after": round(load_after, 2),
        "cores": psutil.cpu_count(),
        "cpu_reference_ms_before": round(reference_before, 1),
        "cpu_reference_ms_after": round(reference_after, 1),
    }
