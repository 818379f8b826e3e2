"""What a reviewer looks at beside a finding: the page crop around its cited figures (PDF),
or the cited lines with the figure marked (text).

One illustration per finding, in the order of the report document's findings. A finding that
cites places on several pages gets one image: a band of each page, stacked. Pages are rendered
with pypdfium2 (installed with pdfplumber); only the band is rendered, never the whole page.
"""

from __future__ import annotations

import io
import unicodedata
from collections import defaultdict
from pathlib import Path
from typing import Any

SCALE = 2.0  # 144 dpi: table digits stay legible
MARGIN = 28.0  # points above and below the cited figures: the row and its neighbours
MAX_PAGES = 4  # bands per finding; a finding citing more pages shows its first four
BOX = (220, 0, 0)  # the box drawn round each cited figure
PAD = 2.0  # points between a figure and its box
RUN_ON = 80.0  # points below a sentence's first line where its figure may still be printed
_FULL_WIDTH = str.maketrans("()%,:;", "（）％，：；")


def pdf_crops(path: Path, findings: list[dict[str, Any]]) -> list[bytes | None]:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(str(path))
    try:
        return [_finding_crop(pdf, f) for f in findings]
    finally:
        pdf.close()


def cited_pages(finding: dict[str, Any]) -> dict[int, list[dict[str, Any]]]:
    """The pages a finding cites, each with the locations cited on it."""
    pages: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for loc in finding.get("locations", []):
        if loc.get("page"):
            pages[loc["page"]].append(loc)
    return dict(sorted(pages.items()))


def _finding_crop(pdf: Any, finding: dict[str, Any]) -> bytes | None:
    pages = list(cited_pages(finding).items())[:MAX_PAGES]
    bands = []
    for number, locs in pages:
        if 0 < number <= len(pdf):
            page = pdf[number - 1]
            try:
                boxes = [b for loc in locs if loc.get("bbox") for b in _figure_boxes(page, loc)]
                bands.append(_band(page, [b for b in boxes if _on_page(page, b)]))
            except Exception:  # noqa: BLE001 - a picture that cannot be made is left out, never the finding
                pass
            page.close()
    return _png(_stack(bands)) if bands else None


def _figure_boxes(page: Any, loc: dict[str, Any]) -> list[list[float]]:
    """The boxes of the cited figure itself — one per printed line, when it is broken over two:
    for a quoted sentence, the figure's own characters found where the sentence is printed (it
    may run on below its first line); else, or when they are not found, the location's box."""
    box = loc["bbox"]
    if not (loc.get("text") and loc.get("span")):
        return [box]
    start, end = loc["span"]
    figure = loc["text"][start:end]
    nth = loc["text"][:start].count(figure)  # the sentence may state the same figure twice
    hits = sorted((h for h in _found(page, figure) if box[1] - 2 <= h[0][1] <= box[3] + RUN_ON),
                  key=lambda h: (round(h[0][1]), h[0][0]))  # reading order: line by line, left to right
    return [list(b) for b in hits[min(nth, len(hits) - 1)]] if hits else [box]


Box = tuple[float, float, float, float]


def _found(page: Any, figure: str) -> list[list[Box]]:
    """Every place the figure is printed on the page: per place, a box (x0, top, x1, bottom) in
    reader points for each line it is printed on. The sentence was normalised to half-width
    punctuation; the print may be full-width."""
    dx, dy = _offset(page)
    height = page.get_size()[1]
    text = page.get_textpage()
    out = []
    try:
        for variant in dict.fromkeys((figure, figure.translate(_FULL_WIDTH))):
            searcher = text.search(variant, match_case=True)
            while (hit := searcher.get_next()) is not None:
                chars = [text.get_charbox(i) for i in range(hit[0], hit[0] + hit[1])]
                boxes = [(c[0] + dx, height - c[3] + dy, c[2] + dx, height - c[1] + dy)
                         for c in chars if c[2] > c[0] and c[3] > c[1]]  # a line break pdfium adds has no box
                if boxes:
                    out.append(_by_line(boxes))
    finally:
        text.close()
    return out


def _by_line(chars: list[Box]) -> list[Box]:
    """Characters in reading order → one box per printed line (a new line starts below the last)."""
    lines: list[Box] = []
    for c in chars:
        last = lines[-1] if lines else None
        if last is not None and c[1] < last[3]:  # overlaps the line vertically: same line
            lines[-1] = (min(last[0], c[0]), min(last[1], c[1]), max(last[2], c[2]), max(last[3], c[3]))
        else:
            lines.append(c)
    return lines


def _on_page(page: Any, box: list[float]) -> bool:
    """Text placed outside the page (it happens) cannot be shown: the band is then the page."""
    width, height = page.get_size()
    dx, dy = _offset(page)
    return box[2] - dx > 0 and box[0] - dx < width and box[3] - dy > 0 and box[1] - dy < height


def _band(page: Any, boxes: list[list[float]]) -> Any:
    """The full width of the page between the cited figures' top and bottom, figures boxed."""
    from PIL import ImageDraw

    width, height = page.get_size()
    dx, dy = _offset(page)
    top, bottom = 0.0, height  # a page cited without a figure's place: the whole page
    if boxes:
        top = min(max(0.0, min(b[1] for b in boxes) - dy - MARGIN), height - 1)
        bottom = max(min(height, max(b[3] for b in boxes) - dy + MARGIN), top + 1)
    image = page.render(scale=SCALE, crop=(0, height - bottom, 0, top)).to_pil().convert("RGB")
    draw = ImageDraw.Draw(image)
    for x0, t, x1, b in boxes:
        draw.rectangle([(x0 - dx - PAD) * SCALE, (t - dy - top - PAD) * SCALE,
                        (x1 - dx + PAD) * SCALE, (b - dy - top + PAD) * SCALE], outline=BOX, width=3)
    return image


def _offset(page: Any) -> tuple[float, float]:
    """From the reader's coordinates (media box, top-left) to the rendered crop box's."""
    ml, _, _, mt = page.get_mediabox()
    cl, _, _, ct = page.get_cropbox()
    return cl - ml, mt - ct


def _stack(images: list[Any]) -> Any:
    from PIL import Image

    gap = 12
    out = Image.new("RGB", (max(i.width for i in images), sum(i.height for i in images) + gap * (len(images) - 1)),
                    (200, 200, 200))
    y = 0
    for i in images:
        out.paste(i, (0, y))
        y += i.height + gap
    return out


def _png(image: Any) -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    # a small palette keeps the red box and the print, at a fifth of the size
    image.quantize(colors=32, method=Image.Quantize.FASTOCTREE).save(buf, "PNG")
    return buf.getvalue()


def text_excerpts(path: Path, findings: list[dict[str, Any]]) -> list[list[dict[str, Any]] | None]:
    """For each finding, its cited lines (and one line either side), the cited figure marked."""
    try:
        from budget_audit.readers.text import decode_lines
        lines = decode_lines(path)
    except Exception:  # noqa: BLE001 - an illustration never stops a report
        return [None] * len(findings)
    return [_excerpt(lines, f) for f in findings]


def _excerpt(lines: list[str], finding: dict[str, Any]) -> list[dict[str, Any]] | None:
    marks: dict[int, list[str | int]] = defaultdict(list)  # line → figures (str) or fields (int)
    for loc in finding.get("locations", []):
        n = loc.get("line")
        if not n or n > len(lines):
            continue
        if loc.get("text") and loc.get("span"):
            marks[n].append(loc["text"][loc["span"][0]:loc["span"][1]])
        elif loc.get("field"):
            marks[n].append(loc["field"])
        else:
            marks[n]
    if not marks:
        return None
    shown = sorted({m for n in marks for m in (n - 1, n, n + 1) if 1 <= m <= len(lines)})
    return [{"line": n, "cited": n in marks, "parts": _marked(lines[n - 1], marks.get(n, []))} for n in shown]


def _marked(line: str, marks: list[str | int]) -> list[tuple[str, bool]]:
    """The line split into (text, marked) parts: cited fields and figures marked."""
    flags = [False] * len(line)
    fields = line.split("\t")
    starts = [sum(len(f) + 1 for f in fields[:i]) for i in range(len(fields))]
    for m in marks:
        if isinstance(m, int) and 0 < m <= len(fields):
            for i in range(starts[m - 1], starts[m - 1] + len(fields[m - 1])):
                flags[i] = True
        elif isinstance(m, str) and m:
            at = unicodedata.normalize("NFKC", line).find(unicodedata.normalize("NFKC", m))
            for i in range(at, at + len(m)) if at >= 0 else ():
                flags[i] = True
    parts: list[tuple[str, bool]] = []
    for ch, flag in zip(line, flags):
        if parts and parts[-1][1] == flag:
            parts[-1] = (parts[-1][0] + ch, flag)
        else:
            parts.append((ch, flag))
    return parts
