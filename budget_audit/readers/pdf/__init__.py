"""PDF reader: turn a disclosure PDF into a `Document` of paragraphs and tables.

The only package that imports pdfplumber or pdfminer. It knows nothing about budgets: it
recovers lines of text (grouped by vertical overlap, so digits printed lower than CJK glyphs
stay in their sentence), ruled tables (one `find_tables` pass per page) with their captions
and notes, tables continued over pages, and re-flowed paragraphs.

One job per module: `glyphs` (glyphs out of pdfminer, fast content parser), `lines` (lines
of text, headers/footers), `tables` (cells, captions, notes), `texttables` and `textrows`
(tables without vertical rules, and the tables of a page read by OCR), `paragraphs` (re-flow),
`continuation` (tables over pages); this module runs the page loop and the reading order. A
file with no text layer at all goes to the OCR extra (`readers/ocr.py`).
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import pdfplumber

from budget_audit import deadline
from budget_audit.document import Block, Document, PageNote
from budget_audit.errors import AuditError
from budget_audit.readers.common import file_sha256
from budget_audit.readers.pdf.continuation import _continue, _new_table, _Open, _repeats, _uncaptioned
from budget_audit.readers.pdf.glyphs import _faster_pdfminer, _page_chars
from budget_audit.readers.pdf.lines import _drop_headers_footers, _group_lines, _make_line
from budget_audit.readers.pdf.model import _WS, Char, _Line, _Page
from budget_audit.readers.pdf.paragraphs import _Flow
from budget_audit.readers.pdf.safety import PageWarnings, bounded_pdfminer
from budget_audit.readers.pdf.tables import _bind_captions_and_notes, _make_part
from budget_audit.readers.pdf.texttables import find_text_tables

# the fast tokenizer's pieces, which tests compare with pdfminer's own parser
from budget_audit.readers.pdf.glyphs import _content_objects, _FastContentParser, _Unsupported  # noqa: F401

_CLIPPED_BAND = 0.06  # of the page height: the outer margin a block overflowing the edge runs into
_SAMPLE = 2000  # characters of the text outside a page kept in its note
NO_TEXT = "PDF 无可提取的文字层（可能是扫描件或字体缺少 ToUnicode 映射），无法审核"


def read_pdf(path: Path) -> Document:
    """Read a PDF into a Document; raise AuditError (one line, Chinese) if it cannot be read."""
    path = Path(path)
    with bounded_pdfminer() as warnings:
        try:
            pages: list[_Page] | None = _read_pages(path, warnings)
        except _NoText:
            pages = None
    if pages is None:
        return _read_scanned(path)
    return _document(path, pages, "pdf", warnings.problems())


def _document(path: Path, pages: list[_Page], format: str, problems: list[str] | None = None) -> Document:
    _drop_headers_footers(pages)
    notes = [n for page in pages for n in page.notes + _emptiness(page)]
    for page in pages:
        _bind_captions_and_notes(page)
    deadline.reached("整理版面")
    blocks = _assemble(pages)
    return Document(path=str(path), format=format, sha256=file_sha256(path), blocks=blocks, pages=len(pages),
                    page_notes=notes, problems=problems or [])


class _NoText(AuditError):
    """No text layer: a scan (or glyphs without Unicode), which OCR may read."""


def _read_scanned(path: Path) -> Document:
    from budget_audit.readers import ocr  # the extra's heavy imports stay there

    ocr.require()
    try:
        read, seconds = ocr.ocr_pages(path)
    except Exception as e:  # the renderer or the OCR engine failed on this file
        raise AuditError(f"扫描件无法进行文字识别（{type(e).__name__}），无法审核") from None
    if not any(page[2] for page in read):
        raise AuditError(NO_TEXT)  # OCR found no text either
    pages = [_text_page(*page) for page in read]
    doc = _document(path, pages, "pdf-ocr")
    doc.ocr_pages, doc.ocr_seconds = [p.number for p in pages], round(seconds, 1)
    return doc


def _text_page(number: int, height: float, chars: list[Char], rules: list[float],
               regions: list[tuple[float, float, float, float]]) -> _Page:
    """A page of glyphs read by OCR: each ruled table's glyphs (inside its box of vertical rules)
    are read as a table on their own, the rest of the page as any page without rules."""
    parts, used = [], set()
    for x0, top, x1, bottom in regions:
        inside = [c for c in chars if x0 <= (c["x0"] + c["x1"]) / 2 <= x1 and top <= (c["top"] + c["bottom"]) / 2 <= bottom]
        found, taken = find_text_tables(_group_lines(inside), lambda: rules, number)
        parts += found
        used |= taken
    groups = _group_lines([c for c in chars if id(c) not in used])
    found, taken = find_text_tables(groups, lambda: rules, number)
    parts = sorted(parts + found, key=lambda p: p.bbox[1])
    groups = [g for g in ([c for c in g if id(c) not in taken] for g in groups) if g]
    return _Page(number, height, [ln for g in groups if (ln := _make_line(g, number)).text], parts)


def _emptiness(page: _Page) -> list[PageNote]:
    """A page with nothing printed but margins is blank; one with only table rules is a bare table."""
    if page.lines or any(c is not None and c.text for part in page.parts for r in part.rows for c in r):
        return []
    return [PageNote("bare_table" if page.parts else "blank", page.number)]


def _read_pages(path: Path, warnings: PageWarnings) -> list[_Page]:
    deadline.reached("打开 PDF")
    try:
        pdf = pdfplumber.open(path)
    except AuditError:
        raise
    except Exception as e:  # pdfminer raises many unrelated types for bad files
        raise AuditError(_open_error(e)) from None
    try:
        with _faster_pdfminer():
            pages, counts = _page_loop(pdf, warnings)
    finally:
        _quietly(lambda: pdf.close())  # closing a damaged file can fail again; the first error is the one to tell
    if counts["chars"] == 0:
        raise _NoText(NO_TEXT)  # a scan: OCR may read it
    if counts["cid"] > counts["chars"] / 2:
        raise AuditError(NO_TEXT)
    return pages


def _page_loop(pdf: Any, warnings: PageWarnings) -> tuple[list[_Page], Counter]:
    try:
        plumber_pages = pdf.pages
    except AuditError:
        raise
    except Exception as e:
        raise AuditError(_open_error(e)) from None
    if not plumber_pages:
        raise AuditError("PDF 文件没有任何页面，无法审核")
    pages: list[_Page] = []
    counts: Counter = Counter()
    for number, page in enumerate(plumber_pages, start=1):
        warnings.page = number
        deadline.reached(f"读取第 {number} 页")
        try:
            pages.append(_read_page(page, number, counts))
        except deadline.TimedOut:
            raise
        except AuditError as e:
            raise AuditError(f"PDF 第 {number} 页无法解析（{e}），文件可能已损坏") from None
        except Exception as e:  # anything from inside the PDF libraries: a damaged file
            raise AuditError(f"PDF 第 {number} 页无法解析（{_damage(e)}），文件可能已损坏") from None
        finally:
            _quietly(page.close)  # drop pdfplumber's per-page caches
    return pages, counts


def _quietly(close: Any) -> None:
    try:
        close()
    except Exception:  # noqa: BLE001 - cleanup of a damaged file
        pass


def _open_error(e: Exception) -> str:
    """One line saying why the file cannot be opened (pdfplumber wraps pdfminer's error)."""
    inner = _inner(e)
    if isinstance(inner, AuditError):  # our time limit or stream bound, met while opening
        raise inner from None
    name = type(inner).__name__
    if "Password" in name or "Encrypt" in name:
        return "PDF 文件已加密（需要密码），无法读取"
    detail = _WS.sub(" ", str(inner)).strip()[:80]
    return f"PDF 文件已损坏或不是有效的 PDF（{name}{'：' + detail if detail else ''}），无法读取"


def _inner(e: Exception) -> Exception:
    """pdfplumber wraps pdfminer's errors (and ours, raised inside pdfminer) in its own."""
    return e.args[0] if e.args and isinstance(e.args[0], Exception) else e


def _damage(e: Exception) -> str:
    """The library's error in a few words: its type and, when short, what it says."""
    e = _inner(e)
    if isinstance(e, deadline.TimedOut):
        raise e from None  # the time limit, met deep inside the library: not damage
    if isinstance(e, AuditError):  # a bound of ours, already in words
        return str(e)
    detail = " ".join(str(e).split())
    return type(e).__name__ + (f"：{detail}" if detail and len(detail) <= 60 else "")


def _read_page(page: Any, number: int, counts: Counter) -> _Page:
    chars = [c for c in _page_chars(page) if c.get("text")]
    cid = sum(1 for c in chars if c["text"].startswith("(cid:"))
    counts.update(chars=len(chars), cid=cid)
    notes = [PageNote("undecodable", number, cid)] if cid else []
    if cid:
        chars = [c for c in chars if not c["text"].startswith("(cid:")]
    chars, outside = _visible(chars, page.bbox)
    ink = "".join(c["text"] for c in outside if not c["text"].isspace())
    if ink:  # only what is visible is read; a hidden copy would be read twice
        notes.append(PageNote("outside", number, len(ink), ink[:_SAMPLE]))
    try:
        found = page.find_tables()
    except ValueError:  # degenerate ruling lines: read the page as text rather than give up
        found = []
    # Table.bbox is recomputed from the cells on every access: read it once
    tables = sorted(((t, tuple(t.bbox)) for t in found), key=lambda tb: tb[1][1])
    inside: list[list[Char]] = [[] for _ in tables]
    free: list[Char] = []
    for c in chars:
        cx, cy = (c["x0"] + c["x1"]) / 2, (c["top"] + c["bottom"]) / 2
        for i, (_, (x0, top, x1, bottom)) in enumerate(tables):
            if x0 <= cx <= x1 and top <= cy <= bottom:
                inside[i].append(c)
                break
        else:
            free.append(c)
    parts = [_make_part(t, bbox, cs, number) for (t, bbox), cs in zip(tables, inside)]
    groups = _group_lines(free)
    if not parts:  # no ruled table: maybe one drawn with horizontal rules only, or none
        parts, used = find_text_tables(groups, lambda: _horizontal_rules(page), number)
        if used:
            groups = [g for g in ([c for c in g if id(c) not in used] for g in groups) if g]
    lines = [ln for group in groups if (ln := _make_line(group, number)).text]
    return _Page(number, page.height, lines, parts, notes)


def _visible(chars: list[Char], box: tuple[float, float, float, float]) -> tuple[list[Char], list[Char]]:
    """The glyphs whose centre lies on the page, and those printed beyond its edge.

    A block of text overflowing the top (bottom) edge goes on into the page's outer margin,
    where the layout clips it: its glyphs there belong to the hidden block, not to the page."""
    x0, top, x1, bottom = box
    inside, outside = [], []
    for c in chars:
        cx, cy = (c["x0"] + c["x1"]) / 2, (c["top"] + c["bottom"]) / 2
        (inside if x0 <= cx <= x1 and top <= cy <= bottom else outside).append(c)
    band = _CLIPPED_BAND * (bottom - top)
    above = any(c["bottom"] <= top + 1 for c in outside)
    below = any(c["top"] >= bottom - 1 for c in outside)
    clipped = [c for c in inside if (above and c["bottom"] < top + band) or (below and c["top"] > bottom - band)]
    if clipped:
        inside = [c for c in inside if c not in clipped]
        outside = clipped + outside
    return inside, outside


def _horizontal_rules(page: Any) -> list[float]:
    """y of the page's horizontal rules (lines, thin rectangles), for unruled tables' rows."""
    edges = getattr(page, "horizontal_edges", [])  # only asked for on a page with table-like text
    return sorted({round(e["top"], 1) for e in edges if e["x1"] - e["x0"] > 20})


def _assemble(pages: list[_Page]) -> list[Block]:
    """Blocks in reading order; a table is carried over pages while nothing but margins intervenes."""
    blocks: list[Block] = []
    flow = _Flow(blocks)
    current: _Open | None = None
    for page in pages:
        flow.set_margins(page)
        items = [(ln.top, 0, ln) for ln in page.lines] + [(p.bbox[1], 1, p) for p in page.parts]
        seen_text = False
        for _, _, item in sorted(items, key=lambda t: (t[0], t[1])):
            if isinstance(item, _Line):
                flow.add(item)
                seen_text, current = True, None
                continue
            flow.close()
            if current is not None and ((not seen_text and _uncaptioned(item)) or _repeats(current.table, item)):
                if all(c is None or not c.text for r in item.rows for c in r) and not item.notes:
                    current.pending.append(page.number)  # a page of bare rules inside the table
                    continue
                _continue(current, item)
            else:
                current = _Open(_new_table(item), item.cols, item.full)
                blocks.append(current.table)
            seen_text = True
            if item.notes:
                current = None  # a note ends the table
    flow.close()
    return blocks
