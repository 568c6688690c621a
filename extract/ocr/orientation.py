"""Page-level orientation (0/90/180/270) for OCR.

The per-line angle classifier flips upright lines (DESIGN.md), so the turn is decided once per page, from the
upright detection before the page is read:

- no text line detected → nothing to turn (text is detected in any orientation; a blank page costs nothing more);
- most lines taller than wide → the page lies sideways: 90° and 270° are scored and the better one wins;
- otherwise the longest few lines are read: a mean confidence ≥ ``LOW_CONFIDENCE`` keeps the page upright
  (the usual case: ~0.1 s extra); below it, 180° is scored against upright.

A turn is scored on the detector (capped input, ~0.2 s) plus the ``SAMPLE_LINES`` longest wide lines. Measured on
rendered pages: upside-down lines read at confidence < 0.5, a sideways page yields tall boxes.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass

import numpy as np

from extract.ocr.base import OcrEngine, Quad, quad_size

log = logging.getLogger(__name__)

LOW_CONFIDENCE = 0.80  # mean confidence (0..1) of the sampled upright lines under which 180° is tried
TALL_RATIO = 1.5  # a line box taller than 1.5 × its width is vertical text (the page may be sideways)
TALL_FRACTION = 0.5  # share of tall boxes from which the page is considered sideways
SAMPLE_LINES = 6  # longest lines read per candidate turn: enough to average out one odd line, cheap (~60 ms)
MIN_GAIN = 0.05  # a turn must beat upright by this score (0..1) to be applied: upright wins ties
TURNS = (0, 90, 180, 270)  # counter-clockwise degrees, PIL ``Image.rotate`` convention


Reading = tuple[str, float]


@dataclass(frozen=True)
class TurnScore:
    rotation: int
    score: float  # wide-line share × mean confidence of the sampled lines, 0..1
    quads: tuple[Quad, ...]  # lines detected on the turned page (reused for reading it)
    read: tuple[tuple[Quad, Reading], ...] = ()  # the sampled lines' readings (reused, not read twice)


@dataclass(frozen=True)
class Orientation:
    rotation: int  # counter-clockwise degrees to turn the page before reading it
    quads: tuple[Quad, ...]  # the lines detected on the page in that orientation
    read: tuple[tuple[Quad, Reading], ...] = ()  # lines already read while deciding


def is_tall(quad: Quad) -> bool:
    width, height = quad_size(quad)
    return height > TALL_RATIO * width


def rotate_array(bgr: np.ndarray, rotation: int) -> np.ndarray:
    """Turn a page array ``rotation`` degrees counter-clockwise (same result as PIL ``rotate(r, expand=True)``)."""
    if rotation not in TURNS:
        raise ValueError(f"rotation must be one of {TURNS}, got {rotation}")
    return np.ascontiguousarray(np.rot90(bgr, k=rotation // 90))


def _score(engine: OcrEngine, turned: np.ndarray, rotation: int, quads: list[Quad]) -> TurnScore:
    wide = [q for q in quads if not is_tall(q)]
    if not wide:
        return TurnScore(rotation, 0.0, tuple(quads))
    sample = sorted(wide, key=lambda q: quad_size(q)[0], reverse=True)[:SAMPLE_LINES]
    results = engine.read_lines(turned, sample)
    mean_conf = sum(conf for _text, conf in results) / len(results)
    return TurnScore(rotation, mean_conf * len(wide) / len(quads), tuple(quads), tuple(zip(sample, results)))


def score_turn(engine: OcrEngine, bgr: np.ndarray, scale: float, rotation: int) -> TurnScore:
    """Detect on the page turned ``rotation`` degrees and read its longest wide lines."""
    turned = rotate_array(bgr, rotation)
    return _score(engine, turned, rotation, engine.detect(turned, scale))


def decide_orientation(engine: OcrEngine, bgr: np.ndarray, scale: float) -> Orientation:
    """The page turn and the lines detected in that orientation (see the module docstring)."""
    quads = engine.detect(bgr, scale)
    if not quads:
        return Orientation(0, ())
    tall_share = sum(1 for q in quads if is_tall(q)) / len(quads)
    if tall_share >= TALL_FRACTION:
        upright = TurnScore(0, (1.0 - tall_share), tuple(quads))  # confidence unknown: at most the wide share
        candidates = [score_turn(engine, bgr, scale, turn) for turn in (90, 270)]
    else:
        upright = _score(engine, bgr, 0, quads)
        if upright.score / (1.0 - tall_share) >= LOW_CONFIDENCE:
            return Orientation(0, tuple(quads), upright.read)
        candidates = [score_turn(engine, bgr, scale, 180)]
    best = max(candidates, key=lambda s: s.score)
    log.debug("orientation: upright %.2f, %s", upright.score,
              ", ".join(f"{s.rotation}°={s.score:.2f}" for s in candidates))
    if best.score >= upright.score + MIN_GAIN:
        return Orientation(best.rotation, best.quads, best.read)
    return Orientation(0, tuple(quads), upright.read)
