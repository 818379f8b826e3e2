"""Scanned PDFs (no text layer): pages rendered with pypdfium2 and read by OCR.

An optional extra (`pip install "budget-audit[ocr]"`): rapidocr-onnxruntime runs offline
and its wheel bundles the Chinese PP-OCR models. The only module that imports it (and numpy);
nothing is imported until a scanned file is met. Each OCR box becomes glyphs spread evenly over
the box, so lines, unruled tables (columns from the boxes' x-ranges, rows from baselines),
captions and paragraphs come from the same code as for a PDF with a text layer. Which pages were
read by OCR, and how long it took, is recorded on the Document: every figure located on one
of those pages was read by OCR.
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


def ocr_pages(path: Path) -> tuple[list[tuple[int, float, list[dict[str, Any]]]], float]:
    """(page number, page height in points, glyphs) for every page, and the seconds it took."""
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
            image = page.render(scale=SCALE).to_pil().convert("RGB")
            boxes, _ = engine(np.array(image))
            pages.append((i + 1, height, [c for box in boxes or [] for c in _glyphs(box)]))
            page.close()
    finally:
        pdf.close()
        _progress(0, 0)
    return pages, time.monotonic() - start


def _glyphs(box: Any) -> list[dict[str, Any]]:
    """One OCR box as glyphs spread evenly over its width, in points."""
    quad, text, score = box
    text = "".join(text.split())
    if not text or score < MIN_SCORE:
        return []
    xs, ys = [p[0] / SCALE for p in quad], [p[1] / SCALE for p in quad]
    x0, x1, top, bottom = min(xs), max(xs), min(ys), max(ys)
    step = (x1 - x0) / len(text)
    size = bottom - top
    return [{"text": ch, "x0": x0 + k * step, "x1": x0 + (k + 1) * step, "top": top, "bottom": bottom,
             "size": size} for k, ch in enumerate(text)]


def _progress(done: int, total: int) -> None:
    """A one-line progress count on a terminal only (never in redirected output)."""
    if not sys.stderr.isatty():
        return
    sys.stderr.write(f"\rOCR 识别第 {done}/{total} 页…" if total else "\r" + " " * 30 + "\r")
    sys.stderr.flush()
