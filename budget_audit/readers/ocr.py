"""Scanned PDFs (no text layer): pages rendered with pypdfium2 and read by OCR.

An optional extra (`pip install "budget-audit[ocr]"`): rapidocr-onnxruntime runs offline
and its wheel bundles the Chinese PP-OCR models. The only module that imports it (and numpy);
nothing is imported until a scanned file is met. The page image gives the ruling lines (long
runs of dark pixels); each OCR box becomes glyphs over its width, split where a vertical rule
crosses it, so lines, tables (inside each ruled table's box, rows at its horizontal rules; else
from the text alone), captions and paragraphs come from the same code as for a PDF with a text
layer. Which pages were read by OCR, and how long it took, is recorded on the Document: every
figure located on one of those pages was read by OCR.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

from budget_audit.errors import AuditError

EXTRA = 'pip install "budget-audit[ocr]"'
SCALE = 2.0  # render at 144 dpi: CJK glyphs of 9 pt come out ~25 px high, enough for PP-OCR
MIN_SCORE = 0.5


def available() -> bool:
    try:
        import rapidocr_onnxruntime  # noqa: F401
    except ImportError:
        return False
    return True


def require() -> None:
    """Exit 2 (AuditError) naming the extra when a scanned file meets an install without it."""
    if not available():
        raise AuditError(f"PDF 无可提取的文字层（可能是扫描件）；识别扫描件需安装 OCR 扩展：{EXTRA}")


Region = tuple[float, float, float, float]


def ocr_pages(path: Path) -> tuple[list[tuple[int, float, list[dict[str, Any]], list[float], list[Region]]], float]:
    """(page number, page height in points, glyphs, y of horizontal rules, boxes of the ruled
    tables) for every page, and the seconds it took."""
    import numpy as np
    import pypdfium2
    from rapidocr_onnxruntime import RapidOCR

    start = time.monotonic()
    engine = RapidOCR()
    pdf = pypdfium2.PdfDocument(str(path))
    pages = []
    try:
        for i in range(len(pdf)):
            _progress(i + 1, len(pdf))
            page = pdf[i]
            height = page.get_height()
            image = np.array(page.render(scale=SCALE).to_pil().convert("RGB"))
            verticals, horizontals = _rules(image.min(axis=2) < 170)
            boxes, _ = engine(image)
            glyphs = [c for box in boxes or [] for c in _glyphs(box, verticals)]
            pages.append((i + 1, height, _even_sizes(glyphs), horizontals, ruled_regions(verticals)))
            page.close()
    finally:
        pdf.close()
        _progress(0, 0)
    return pages, time.monotonic() - start


def _rules(dark: Any) -> tuple[list[tuple[float, float, float]], list[float]]:
    """Ruling lines of a page image: vertical ones as (x, top, bottom), horizontal ones as y,
    in points. A rule is a run of dark pixels far longer than any glyph stroke."""
    h, w = dark.shape
    # a thin rule between two pixel rows is two light-grey rows: look at each pair together
    rows, cols = dark[:-1] | dark[1:], dark[:, :-1] | dark[:, 1:]
    horizontals = sorted({y / SCALE for y, _, _ in _long_runs(rows, w // 5)})
    verticals = [(x / SCALE, a / SCALE, b / SCALE) for x, a, b in _long_runs(cols.T, int(20 * SCALE))]
    return verticals, horizontals


def ruled_regions(verticals: list[tuple[float, float, float]]) -> list[Region]:
    """The box of each ruled table: vertical rules whose heights overlap are one table's."""
    out: list[list[float]] = []
    for x, y0, y1 in sorted(verticals, key=lambda v: v[1]):
        if out and y0 <= out[-1][3]:
            r = out[-1]
            r[0], r[2], r[3] = min(r[0], x), max(r[2], x), max(r[3], y1)
        else:
            out.append([x, y0, x, y1])
    return [(a, b, c, d) for a, b, c, d in out if c - a > 20]


def _long_runs(dark: Any, length: int) -> list[tuple[int, int, int]]:
    """(row, start, end) of the runs of at least `length` dark pixels in the rows of `dark`; a
    rule a few pixels thick counts once."""
    import numpy as np

    out: list[tuple[int, int, int]] = []
    for i in np.flatnonzero(dark.sum(axis=1) >= length):
        edges = np.flatnonzero(np.diff(np.concatenate(([0], dark[i].view(np.int8), [0]))))
        for a, b in zip(edges[::2], edges[1::2]):
            if b - a < length:
                continue
            if any(i - r <= 3 and abs(a - ra) <= 3 for r, ra, _ in out[-8:]):
                continue  # the same rule, a pixel lower
            out.append((int(i), int(a), int(b)))
    return out


def _glyphs(box: Any, verticals: list[tuple[float, float, float]]) -> list[dict[str, Any]]:
    """One OCR box as glyphs over its width (a Latin letter or digit half as wide as a CJK one),
    in points. Where a vertical rule crosses the box (the OCR read two cells as one text) the
    glyphs are split at the glyph boundary nearest to the rule and kept off it."""
    quad, text, score = box
    text = "".join(text.split()).replace("|", "")  # a rule next to the text read as a stroke
    if not text or score < MIN_SCORE:
        return []
    xs, ys = [p[0] / SCALE for p in quad], [p[1] / SCALE for p in quad]
    x0, x1, top, bottom = min(xs), max(xs), min(ys), max(ys)
    pad = 0.15 * (bottom - top)  # the detector's box reaches beyond the glyphs
    top, bottom = top + pad, bottom - pad
    size = bottom - top
    weights = [0.5 if ch.isascii() else 1.0 for ch in text]
    unit = (x1 - x0) / sum(weights)
    bounds = [x0 + unit * sum(weights[:k]) for k in range(len(text) + 1)]
    splits = [(0, x0)]
    for x, y0, y1 in sorted(verticals):
        if x0 + size < x < x1 - size and y0 <= (top + bottom) / 2 <= y1:
            k = min(range(1, len(text)), key=lambda k: abs(bounds[k] - x), default=None)
            if k is not None and k > splits[-1][0]:
                splits.append((k, x))
    splits.append((len(text), x1))
    out = []
    gap = 0.35 * size
    near = [x for x, y0, y1 in verticals if y0 <= (top + bottom) / 2 <= y1]
    for (a, left), (b, right) in zip(splits, splits[1:]):
        left, right = (left + gap if a else left), (right - gap if b < len(text) else right)
        for x in near:  # a box the detector widened up to a rule: its glyphs stay off it
            if left - gap < x <= left + size:
                left = x + gap
            if right - size <= x < right + gap:
                right = x - gap
        step = (right - left) / sum(weights[a:b])
        for k in range(a, b):
            g0 = left + step * sum(weights[a:k])
            out.append({"text": text[k], "x0": g0, "x1": g0 + step * weights[k], "top": top, "bottom": bottom,
                        "size": size})
    return out


def _even_sizes(glyphs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """OCR boxes of one type size differ in height (digits are shorter than CJK glyphs): boxes
    within a quarter of the page's usual height get that height as their size."""
    if not glyphs:
        return glyphs
    sizes = sorted(g["size"] for g in glyphs)
    usual = sizes[len(sizes) // 2]
    for g in glyphs:
        if abs(g["size"] - usual) <= 0.25 * usual:
            g["size"] = usual
    return glyphs


def _progress(done: int, total: int) -> None:
    """A one-line progress count on a terminal only (never in redirected output)."""
    if not sys.stderr.isatty():
        return
    sys.stderr.write(f"\rOCR 识别第 {done}/{total} 页…" if total else "\r" + " " * 30 + "\r")
    sys.stderr.flush()
