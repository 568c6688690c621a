"""Red round official seals (公章) on page images, and the red-suppressed image that makes them vanish.

A seal is found as an image feature, not by its text: red pixels (HSV), closed into blobs, kept when a blob is
round (fills its enclosing circle, square bounding box) and its diameter fits a 4–4.5 cm seal at the page's
resolution with margins for shrunk copies and oval finance seals. Thin red header lines and the large red header
text (红头) form wide bands and are ignored.
"""
from __future__ import annotations

import logging
import math

import cv2
import numpy as np
from PIL import Image

log = logging.getLogger(__name__)

PixelBox = tuple[int, int, int, int]  # x0, top, x1, bottom in pixels

CM_PER_INCH = 2.54
SEAL_MIN_DIAMETER_CM = 2.8  # cm: smallest seal we accept (a 4 cm seal on a copy shrunk to ~70 %)
SEAL_MAX_DIAMETER_CM = 6.0  # cm: largest (a 4.5 cm seal on an enlarged copy / slight smear)
SEAL_MIN_FILL = 0.70  # share of the enclosing circle the closed blob covers: disc ~0.9, 4×3 cm oval 0.75, square 0.64
SEAL_MAX_ASPECT = 1.45  # bounding box long/short side: round seals ~1.0, oval finance seals 4×3 cm ≈ 1.33
SEAL_MIN_RED_SHARE = 0.04  # share of red pixels inside the blob's box: excludes a closed outline around white
RED_HUE_LOW = 10  # OpenCV hue (0..180) up to which a pixel is red …
RED_HUE_HIGH = 160  # … and from which it is red again (magenta-ish pinks of faded stamp ink included)
RED_MIN_SATURATION = 60  # 0..255: faded scanned seals are pink, ~70–120; grey text is < 30
RED_MIN_VALUE = 80  # 0..255: dark pixels (black text) are never red, whatever their hue
PAPER_MIN_RED = 170  # 0..255 red-channel value from which a pixel is paper: red ink (R ≈ 190–240) turns white
CLOSE_CM = 0.25  # cm: closing kernel that joins ring, star and ring text into one blob without merging lines


def red_mask(image: Image.Image) -> np.ndarray:
    """uint8 mask (255 = red ink) of an RGB image."""
    hsv = cv2.cvtColor(np.asarray(image.convert("RGB"), dtype=np.uint8), cv2.COLOR_RGB2HSV)
    hue, sat, val = hsv[:, :, 0], hsv[:, :, 1], hsv[:, :, 2]
    red = ((hue <= RED_HUE_LOW) | (hue >= RED_HUE_HIGH)) & (sat >= RED_MIN_SATURATION) & (val >= RED_MIN_VALUE)
    return red.astype(np.uint8) * 255


def detect_seals(image: Image.Image, dpi: float = 200.0) -> list[PixelBox]:
    """Pixel bounding boxes of red round seals on a page image rendered at ``dpi``, top to bottom."""
    if dpi <= 0:
        raise ValueError(f"dpi must be positive, got {dpi}")
    px_per_cm = dpi / CM_PER_INCH
    min_d, max_d = SEAL_MIN_DIAMETER_CM * px_per_cm, SEAL_MAX_DIAMETER_CM * px_per_cm
    mask = red_mask(image)
    if cv2.countNonZero(mask) < (min_d * min_d) * SEAL_MIN_RED_SHARE:
        return []
    k = max(3, int(round(CLOSE_CM * px_per_cm)) | 1)
    kernel = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (k, k))
    closed = cv2.morphologyEx(mask, cv2.MORPH_CLOSE, kernel)
    contours, _ = cv2.findContours(closed, cv2.RETR_EXTERNAL, cv2.CHAIN_APPROX_SIMPLE)
    seals: list[PixelBox] = []
    for contour in contours:
        x, y, w, h = cv2.boundingRect(contour)
        if max(w, h) < min_d or max(w, h) > max_d:
            continue
        if max(w, h) / max(1, min(w, h)) > SEAL_MAX_ASPECT:
            continue
        (_cx, _cy), radius = cv2.minEnclosingCircle(contour)
        fill = cv2.contourArea(contour) / (math.pi * radius * radius)
        red_share = cv2.countNonZero(mask[y : y + h, x : x + w]) / float(w * h)
        log.debug("red blob %dx%d at (%d,%d): fill %.2f red %.2f", w, h, x, y, fill, red_share)
        if fill >= SEAL_MIN_FILL and red_share >= SEAL_MIN_RED_SHARE:
            seals.append((x, y, x + w, y + h))
    seals.sort(key=lambda b: (b[1], b[0]))
    return seals


def red_suppressed(image: Image.Image) -> Image.Image:
    """The red channel as a grey RGB image, levels stretched so red ink turns white (the seal vanishes) while
    black text, dark in every channel, stays black."""
    lut = [min(255, round(v * 255 / PAPER_MIN_RED)) for v in range(256)]
    red = image.convert("RGB").getchannel("R").point(lut)
    return Image.merge("RGB", (red, red, red))
