"""PDF reader: turn a disclosure PDF into a `Document` of paragraphs and tables.

The only module that imports pdfplumber. It knows nothing about budgets: it recovers
lines of text (grouped by vertical overlap, so digits printed lower than CJK glyphs
stay in their sentence), ruled tables (one `find_tables` pass per page) with their
captions and notes, tables continued over pages, and re-flowed paragraphs.
"""

from __future__ import annotations

import re
import statistics
import unicodedata
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

import pdfminer.pdfinterp
import pdfplumber
from pdfminer.layout import LTChar, LTContainer, LTCurve
from pdfminer.pdftypes import stream_value
from pdfminer.psparser import KWD, LIT, PSEOF, PSLiteral

from budget_audit.document import BBox, Block, Cell, Document, Location, Paragraph, Row, Table
from budget_audit.errors import AuditError
from budget_audit.readers.common import file_sha256

Char = dict[str, Any]
Columns = list[tuple[float, float]]

NO_TEXT = "PDF 无可提取的文字层（可能是扫描件或字体缺少 ToUnicode 映射），无法审核"

_CAPTION_STOP = tuple("。！？!?；;：:")  # a table title or unit line never ends so
_OPENING = set("（(《“‘「【[")
_QUOTES = set("“”‘’\"'")
_CLOSING = set("）)》”’」】]。，、；：？！")
_NUM = r"[一二三四五六七八九十百零〇\d]+"
_HEADING = re.compile(rf"^(第{_NUM}[部分章节条]|[一二三四五六七八九十]+[、．.]|[（(]{_NUM}[)）]|\d+[.．、](?!\d))")
_MAJOR_HEADING = re.compile(rf"^(第{_NUM}[部分章节]|[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)")
_PART_HEADING = re.compile(rf"^第{_NUM}部分")
_NOTE = re.compile(r"^(注|备注|说明)\s*[0-9一二三四五六七八九十]*\s*[:：.．、]")
_UNIT_LINE = re.compile(r"(编制(部门|单位)|单位)\s*[:：]")
_CONTINUED = re.compile(r"^[（(]?续上?表?[)）]?[:：]?$")  # "续表" over a continuation part
_PAGE_NO = re.compile(r"^([-—–－_·•]*\d{1,4}[-—–－_·•]*|第\d+页(共\d+页)?|\d+/\d+|page\d+(of\d+)?)$", re.I)
_NUMERIC = re.compile(r"^[-+（(]?[\d,，.．%]+[)）]?$")
_LIST_START = re.compile(r"^([一二三四五六七八九十]+、|[（(]" + _NUM + r"[)）]|\d)")
_WS = re.compile(r"\s+")


@dataclass
class _Line:
    """One printed line outside tables."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float
    page: int
    lead: float  # width of the first unbreakable piece: did it fit on the previous line?

    def location(self) -> Location:
        return Location(page=self.page, bbox=(self.x0, self.top, self.x1, self.bottom))

    def paragraph(self) -> Paragraph:
        return Paragraph(self.text, self.location())


@dataclass
class _Part:
    """The piece of a ruled table printed on one page."""

    page: int
    bbox: BBox
    rows: list[Row]
    cols: Columns  # x extent of each column, to align continuations
    full: set[int]  # columns whose last-row text fills its cell: the row may go on overleaf
    caption: list[_Line] = field(default_factory=list)
    notes: list[Paragraph] = field(default_factory=list)


@dataclass
class _Page:
    """What one page yields; no pdfplumber object is kept, so memory stays flat."""

    number: int
    height: float
    lines: list[_Line]
    parts: list[_Part]


def read_pdf(path: Path) -> Document:
    """Read a PDF into a Document; raise AuditError (one line, Chinese) if it cannot be read."""
    path = Path(path)
    pages = _read_pages(path)
    _drop_headers_footers(pages)
    for page in pages:
        _bind_captions_and_notes(page)
    blocks = _assemble(pages)
    return Document(path=str(path), format="pdf", sha256=file_sha256(path), blocks=blocks, pages=len(pages))


# ---------------------------------------------------------------- pages


def _read_pages(path: Path) -> list[_Page]:
    try:
        pdf = pdfplumber.open(path)
    except Exception as e:  # pdfminer raises many unrelated types for bad files
        raise AuditError(_open_error(e)) from None
    pages: list[_Page] = []
    counts: Counter = Counter()
    with pdf, _faster_pdfminer():
        try:
            plumber_pages = pdf.pages
        except Exception as e:
            raise AuditError(_open_error(e)) from None
        if not plumber_pages:
            raise AuditError("PDF 文件没有任何页面，无法审核")
        for number, page in enumerate(plumber_pages, start=1):
            try:
                pages.append(_read_page(page, number, counts))
            except Exception as e:
                raise AuditError(f"PDF 第 {number} 页无法解析（{type(e).__name__}），文件可能已损坏") from None
            finally:
                page.close()  # drop pdfplumber's per-page caches
    if counts["chars"] == 0 or counts["cid"] > counts["chars"] / 2:
        raise AuditError(NO_TEXT)
    return pages


def _open_error(e: Exception) -> str:
    """One line saying why the file cannot be opened (pdfplumber wraps pdfminer's error)."""
    inner = e.args[0] if e.args and isinstance(e.args[0], Exception) else e
    name = type(inner).__name__
    if "Password" in name or "Encrypt" in name:
        return "PDF 文件已加密（需要密码），无法读取"
    detail = _WS.sub(" ", str(inner)).strip()[:80]
    return f"PDF 文件已损坏或不是有效的 PDF（{name}{'：' + detail if detail else ''}），无法读取"


def _read_page(page: Any, number: int, counts: Counter) -> _Page:
    chars = [c for c in _page_chars(page) if c.get("text")]
    cid = sum(1 for c in chars if c["text"].startswith("(cid:"))
    counts.update(chars=len(chars), cid=cid)
    if cid:
        chars = [c for c in chars if not c["text"].startswith("(cid:")]
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
    lines = [ln for group in _group_lines(free) if (ln := _make_line(group, number)).text]
    return _Page(number, float(page.height), lines, parts)


def _page_chars(page: Any) -> list[Char]:
    """The page's glyphs as small dicts (text, x0, x1, top, bottom, size).

    pdfplumber's `page.chars` turns every pdfminer object into a dict of ~20 resolved
    attributes (~20% of the reading time); the reader uses six. Glyphs are converted here
    with pdfplumber's own arithmetic; ruling graphics (rects, lines, curves) still go
    through `page.process_object` into the page's object cache, so `find_tables` sees
    exactly what it would have. Objects pdfplumber did not build (no `layout`) use `chars`.
    """
    layout = getattr(page, "layout", None)
    if layout is None:
        return page.chars
    mb_x0, mb_top = page.mediabox[:2]
    height = page.height
    norm = page.pdf.unicode_norm
    chars: list[Char] = []
    graphics: dict[str, list[dict[str, Any]]] = {}
    for obj in _layout_objects(layout):
        if isinstance(obj, LTChar):
            text = obj.get_text()
            chars.append(
                {
                    "text": unicodedata.normalize(norm, text) if norm is not None else text,
                    "x0": obj.x0 + mb_x0,
                    "x1": obj.x1 + mb_x0,
                    "top": (height - obj.y1) + mb_top,  # the same float arithmetic as pdfplumber
                    "bottom": (height - obj.y0) + mb_top,
                    "size": obj.size,
                }
            )
        elif isinstance(obj, LTCurve):  # LTRect and LTLine too
            attr = page.process_object(obj)
            graphics.setdefault(attr["object_type"], []).append(attr)
    page._objects = graphics  # pdfplumber's cache behind page.rects/lines/curves/edges
    return chars


def _layout_objects(objs: Any) -> Iterator[Any]:
    """Leaf objects of a pdfminer layout, inside figures too (as pdfplumber without laparams)."""
    for obj in objs:
        if isinstance(obj, LTContainer):
            yield from _layout_objects(obj)
        else:
            yield obj


# ---------------------------------------------------------------- faster pdfminer
#
# Interpreting content streams is ~80% of the reading time, and most of that is pdfminer's
# byte-at-a-time PostScript tokenizer (a dozen Python calls per token). While a PDF is
# read, pdfminer's interpreter is given a parser that tokenizes each stream with one regex,
# producing exactly the objects pdfminer's parser would. Anything outside the common
# subset (inline images, `#` escapes in names, procedures, odd hex strings, an array or
# string spanning two streams, ...) sends the page back to pdfminer's own parser, so the
# result never depends on this shortcut.


@contextmanager
def _faster_pdfminer() -> Iterator[None]:
    """Give pdfminer's interpreter the fast parser while reading (it looks the name up at
    each page), then put pdfminer's own back."""
    original = pdfminer.pdfinterp.PDFContentParser
    if original is _FastContentParser:  # a nested or concurrent read swapped it and will restore it
        yield
        return
    pdfminer.pdfinterp.PDFContentParser = _FastContentParser  # type: ignore[misc]
    try:
        yield
    finally:
        pdfminer.pdfinterp.PDFContentParser = original  # type: ignore[misc]


class _Unsupported(Exception):
    """Content the fast tokenizer leaves to pdfminer."""


class _FastContentParser(pdfminer.pdfinterp.PDFContentParser):
    """pdfminer's content parser with the objects of all streams tokenized up front."""

    def __init__(self, streams: Any) -> None:
        super().__init__(streams)  # raises PSEOF on an empty page, as pdfminer expects
        try:
            objects = []
            for stream in streams:  # pdfminer ends a token at a stream boundary too
                objects.extend(_content_objects(stream_value(stream).get_data()))
        except Exception:  # _Unsupported, or a broken stream: let pdfminer meet it its way
            self._objects: list[tuple[int, Any]] | None = None
        else:
            objects.reverse()  # popped from the end
            self._objects = objects

    def nextobject(self) -> tuple[int, Any]:
        if self._objects is None:
            return super().nextobject()
        if not self._objects:
            raise PSEOF("Unexpected EOF")
        return self._objects.pop()


# pdfminer's token rules (psparser.PSBaseParser), not the PDF spec's: a number is a sign or
# digit, digits and at most one dot (or a dot and digits) and ends at any other byte; a
# keyword starts with an ASCII letter and runs to a delimiter or blank. A name at the very
# end of a stream may go on in the next one (pdfminer carries an empty "/" over). `*+`
# (possessive) keeps the regex from shortening a name to dodge the look-ahead. A hex
# string's closing ">" is read like any other ">": with a following ">" it closes a
# dictionary (so "<</A<0A>>>" is the dictionary it looks like), alone it is skipped.
_TOKEN = re.compile(
    rb"""[\s\x00]+ | %[^\r\n]* | >(?!>|\Z)
    | (?P<num>[-+0-9][0-9]*(?:\.[0-9]*)?|\.[0-9]*)
    | /(?P<name>[^#/%\[\]()<>{}\s]*+)(?!\#|\Z)
    | (?P<kw>[A-Za-z][^#/%\[\]()<>{}\s]*|['"])
    | (?P<open><<|\[) | (?P<close>>>|\])
    | <(?P<hex>[0-9A-Fa-f\s]*)(?=>)
    | (?P<str>\()""",
    re.X,
)
_BLANK = re.compile(rb"\s")
_STRING_STOP = re.compile(rb"[()\\]")
_ESCAPE = re.compile(rb"\\(?:([0-7]{1,3})|(.))", re.S)
_ESCAPES = {b"b": b"\b", b"t": b"\t", b"n": b"\n", b"f": b"\f", b"r": b"\r", b"(": b"(", b")": b")", b"\\": b"\\"}
_INLINE_IMAGE = {KWD(b"BI"), KWD(b"ID"), KWD(b"EI")}


def _content_objects(data: bytes) -> list[tuple[int, Any]]:
    """The top-level objects of one content stream, as pdfminer's nextobject() returns them."""
    out: list[tuple[int, Any]] = []
    open_: list[tuple[bytes, int, list[tuple[int, Any]]]] = []  # (bracket, position, outer list)
    items = out
    pos, end, match = 0, len(data), _TOKEN.match
    while pos < end:
        m = match(data, pos)
        if m is None:
            raise _Unsupported(pos)
        start, pos, kind = pos, m.end(), m.lastgroup
        if kind is None:  # blanks, comment
            continue
        value = m.group(kind)
        if kind == "open":
            open_.append((value, start, items))
            items = []
            continue
        if kind == "close":
            if not open_ or (open_[-1][0] == b"[") != (value == b"]"):
                raise _Unsupported(start)
            _, start, outer = open_.pop()
            obj = [v for _, v in items] if value == b"]" else _dict(items)
            items = outer
        elif kind == "str":
            obj, pos = _literal_string(data, pos)
        else:
            obj = _scalar(kind, value)
        items.append((start, obj))
    if open_:
        raise _Unsupported(end)
    return out


def _scalar(kind: str, value: bytes) -> Any:
    if kind == "num":
        try:
            return float(value) if b"." in value else int(value)
        except ValueError:  # a lone sign or dot, which pdfminer silently drops
            raise _Unsupported(value) from None
    if kind == "kw":
        if value in (b"true", b"false"):
            return value == b"true"
        if (kw := KWD(value)) in _INLINE_IMAGE:  # binary image data in the stream: pdfminer's job
            raise _Unsupported(value)
        return kw
    if kind == "name":
        try:
            return LIT(str(value, "utf-8"))
        except UnicodeDecodeError:
            return LIT(value)
    digits = _BLANK.sub(b"", value)  # hex string
    if len(digits) % 2:  # pdfminer reads a last lone digit differently from the spec
        raise _Unsupported(value)
    return bytes.fromhex(digits.decode())


def _dict(items: list[tuple[int, Any]]) -> dict[str, Any]:
    """<< /Key value ... >> with pdfminer's key names."""
    if len(items) % 2:
        raise _Unsupported(items[0][0] if items else 0)
    out = {}
    for (_, key), (_, value) in zip(items[::2], items[1::2]):
        if not isinstance(key, PSLiteral):
            raise _Unsupported(key)
        out[key.name if isinstance(key.name, str) else str(key.name)] = value
    return out


def _literal_string(data: bytes, pos: int) -> tuple[bytes, int]:
    """A (string) starting after its "(": balanced parentheses kept, escapes as pdfminer reads them."""
    depth, start, escaped = 1, pos, False
    while depth:
        m = _STRING_STOP.search(data, pos)
        if m is None:  # runs on past the stream: pdfminer joins it with the next one
            raise _Unsupported(start)
        c, pos = m.group(), m.end()
        if c == b"\\":
            escaped, pos = True, pos + 1
        else:
            depth += 1 if c == b"(" else -1
    raw = data[start : pos - 1]
    if escaped and b"\\\r" in raw:  # pdfminer skips a backslash-CRLF unless its 4 KB buffer splits it
        raise _Unsupported(start)
    return (_ESCAPE.sub(_unescape, raw) if escaped else raw), pos


def _unescape(m: re.Match[bytes]) -> bytes:
    """pdfminer: \\n etc., octal (at most \\377), and any other escape, backslash-newline
    included, drops the character after the backslash too."""
    octal, c = m.groups()
    if octal is None:
        return _ESCAPES.get(c, b"")
    if int(octal, 8) > 255:
        raise _Unsupported(octal)  # pdfminer fails an assertion there
    return bytes((int(octal, 8),))


# ---------------------------------------------------------------- lines of text


def _group_lines(chars: list[Char]) -> list[list[Char]]:
    """Group chars into lines by vertical overlap, each line ordered by x.

    A fixed y tolerance splits digits printed ~5 pt below CJK glyphs (or quote marks from
    a fallback font) from their sentence; an overlap of half a glyph keeps them together.
    """
    bands: list[list[Any]] = []  # [top, bottom, chars]
    for c in sorted(chars, key=lambda c: c["top"] + c["bottom"]):
        h = max(c["bottom"] - c["top"], 0.1)
        best, best_ratio = None, 0.5
        for band in bands[-2:]:
            overlap = min(band[1], c["bottom"]) - max(band[0], c["top"])
            ratio = overlap / min(h, max(band[1] - band[0], 0.1))
            if ratio >= best_ratio:
                best, best_ratio = band, ratio
        if best is None:
            bands.append([c["top"], c["bottom"], [c]])
        else:
            best[0], best[1] = min(best[0], c["top"]), max(best[1], c["bottom"])
            best[2].append(c)
    for k in range(len(bands) - 1, -1, -1):  # quote marks left alone join the nearest line
        if len(bands) > 1 and all(c["text"] in _QUOTES for c in bands[k][2]):
            top, bottom = bands[k][0], bands[k][1]
            gaps = {j: max(bands[j][0], top) - min(bands[j][1], bottom) for j in (k - 1, k + 1) if 0 <= j < len(bands)}
            near = min(gaps, key=gaps.__getitem__)
            if gaps[near] < 0.5 * (bottom - top):
                bands[near][2].extend(bands.pop(k)[2])
    return [_dedupe(sorted(b[2], key=lambda c: c["x0"])) for b in bands]


def _dedupe(line: list[Char]) -> list[Char]:
    """Drop overprinted copies (fake bold: "二二、、其其他他") from a line sorted by x.

    Same glyph within 1 pt, like pdfplumber's dedupe_chars, which is too slow here (it
    re-sorts with list.index); in a sorted line a copy sits right next to its original.
    """
    out: list[Char] = []
    for c in line:
        j = len(out) - 1
        while j >= 0 and c["x0"] - out[j]["x0"] <= 1:
            o = out[j]
            if o["text"] == c["text"] and abs(o["top"] - c["top"]) <= 1 and o["size"] == c["size"]:
                break
            j -= 1
        else:
            out.append(c)
    return out


def _is_latin(ch: str) -> bool:
    return ch.isascii() and not ch.isspace()


def _chars_text(chars: list[Char], wide_gap: bool) -> str:
    """Text of one line. Spaces survive only between Latin/digit tokens and, outside tables,
    at wide gaps ("办事处    单位：元"); justified CJK ("因 公 出 国") loses its spaces."""
    out: list[str] = []
    prev: Char | None = None
    spaced = False
    for c in chars:
        t = c["text"]
        if t.isspace():
            spaced = True
            continue
        if prev is not None:
            gap, size = c["x0"] - prev["x1"], min(c["size"], prev["size"]) or 10.0
            latin = _is_latin(prev["text"][-1]) and _is_latin(t[0])
            if (latin and (spaced or gap > 0.2 * size)) or (wide_gap and gap > 1.5 * size):
                out.append(" ")
        out.append(t)
        prev, spaced = c, False
    return "".join(out)


def _join(a: str, b: str) -> str:
    """Join two wrapped lines: no space, except between two Latin/digit tokens."""
    return f"{a} {b}" if a and b and _is_latin(a[-1]) and _is_latin(b[0]) else a + b


def _make_line(chars: list[Char], page: int) -> _Line:
    # geometry from visible glyphs only: some exports indent paragraphs with space characters
    ink = [c for c in chars if not c["text"].isspace()] or chars
    sizes = sorted(c["size"] for c in ink)
    top, bottom = min(c["top"] for c in ink), max(c["bottom"] for c in ink)
    x1 = max(c["x1"] for c in ink)
    text = _chars_text(chars, wide_gap=True)
    return _Line(text, ink[0]["x0"], top, x1, bottom, sizes[len(sizes) // 2], page, _lead_width(ink))


def _lead_width(chars: list[Char]) -> float:
    """Width of what a line breaker keeps together at a line start: opening brackets,
    one CJK glyph or a Latin/digit run, then closing punctuation (kinsoku)."""
    i, n = 0, len(chars)
    while i < n and chars[i]["text"] in _OPENING:
        i += 1
    if i < n and _is_latin(chars[i]["text"]):
        while i < n and _is_latin(chars[i]["text"]):
            i += 1
    else:
        i += 1
    while i < n and chars[i]["text"] in _CLOSING:
        i += 1
    return chars[min(i, n) - 1]["x1"] - chars[0]["x0"]


# ---------------------------------------------------------------- tables on a page


def _make_part(table: Any, bbox: BBox, chars: list[Char], page: int) -> _Part:
    """Cells of one table part; a glyph goes to the cell holding its centre (as in pdfplumber)."""
    boxes = [list(r.cells) for r in table.rows]
    xs = sorted({v for r in boxes for b in r if b for v in (b[0], b[2])})
    ys = sorted({v for r in boxes for b in r if b for v in (b[1], b[3])})
    xi, yi = {v: i for i, v in enumerate(xs)}, {v: i for i, v in enumerate(ys)}
    grid: dict[tuple[int, int], tuple[int, int]] = {}  # grid slot -> (row, column) of its cell
    for i, r in enumerate(boxes):
        for j, b in enumerate(r):
            for gx in range(xi[b[0]], xi[b[2]]) if b else ():
                for gy in range(yi[b[1]], yi[b[3]]):
                    grid[(gx, gy)] = (i, j)
    bucket: dict[tuple[int, int], list[Char]] = {}
    for c in chars:
        gx = bisect_right(xs, (c["x0"] + c["x1"]) / 2) - 1
        gy = bisect_right(ys, (c["top"] + c["bottom"]) / 2) - 1
        if (pos := grid.get((gx, gy))) is not None:
            bucket.setdefault(pos, []).append(c)
    rows: list[Row] = []
    full: set[int] = set()
    sizes: dict[int, float] = {}  # id(cell) -> largest glyph, to tell a title printed inside the rules
    for i, r in enumerate(boxes):
        row: Row = []
        for j, b in enumerate(r):
            if b is None:
                row.append(None)
                continue
            text, last = "", None
            for group in _group_lines(bucket.get((i, j), [])):
                text, last = _join(text, _chars_text(group, wide_gap=False)), group[-1]
            cell = Cell(text, Location(page=page, bbox=tuple(b)))
            row.append(cell)
            sizes[id(cell)] = max((c["size"] for c in bucket.get((i, j), [])), default=0.0)
            if i == len(boxes) - 1 and last is not None and last["x1"] >= b[2] - 1.5 * last["size"] - 3:
                full.add(j)
        rows.append(row)
    body = statistics.median(c["size"] for c in chars) if chars else 0.0
    title = _title_rows(rows, lambda c: sizes[id(c)] >= 1.25 * body)
    caption = [_cells_line(r, page, max(sizes[id(c)] for c in r if c)) for r in rows[:title] if _row_key(r)]
    rows = rows[title:]
    return _Part(page, bbox, rows, _columns(rows), full, caption)


def _title_rows(rows: list[Row], large: Callable[[Cell], bool]) -> int:
    """How many leading rows are a title (in larger type) and its unit line drawn inside the rules."""
    n, titled = 0, False
    while n < len(rows) - 1:
        cells = [c for c in rows[n] if c is not None and c.text]
        if cells and len(cells) == 1 and large(cells[0]):
            titled = True
        elif cells and not (titled and _UNIT_LINE.search("".join(c.text for c in cells))):
            break
        n += 1
    return n if titled else 0


def _cells_line(row: Row, page: int, size: float) -> _Line:
    cells = [c for c in row if c is not None and c.text]
    x0, top, _, bottom = cells[0].location.bbox
    text = " ".join(c.text for c in cells)
    return _Line(text, x0, top, cells[-1].location.bbox[2], bottom, size, page, 0.0)


def _columns(rows: list[Row]) -> Columns:
    width = max((len(r) for r in rows), default=0)
    lefts = [min((r[j].location.bbox[0] for r in rows if j < len(r) and r[j]), default=0.0) for j in range(width)]
    right = max((c.location.bbox[2] for r in rows for c in r if c), default=0.0)
    return [(lefts[j], lefts[j + 1] if j + 1 < width else right) for j in range(width)]


def _bind_captions_and_notes(page: _Page) -> None:
    """Move the lines just above each table into its caption, 注/说明 lines below into its notes."""
    taken: set[int] = set()
    for k, part in enumerate(page.parts):
        prev_bottom = page.parts[k - 1].bbox[3] if k else -1.0
        next_top = page.parts[k + 1].bbox[1] if k + 1 < len(page.parts) else float("inf")
        above = [
            i for i, ln in enumerate(page.lines) if i not in taken and prev_bottom <= ln.top and ln.bottom <= part.bbox[1] + 2
        ]
        below = [i for i, ln in enumerate(page.lines) if part.bbox[3] - 2 <= ln.top and ln.bottom <= next_top]
        cap = _caption_lines(page.lines, above, part.bbox[1])
        noted, part.notes = _note_lines(page.lines, below, part.bbox[3])
        part.caption = [page.lines[i] for i in cap] + part.caption
        taken.update(cap, noted)
    page.lines = [ln for i, ln in enumerate(page.lines) if i not in taken]


def _caption_lines(lines: list[_Line], above: list[int], edge: float) -> list[int]:
    """Up to 4 lines nearest above the table; stop at a wide gap, a sentence or a part heading."""
    cap: list[int] = []
    for i in reversed(above):
        ln = lines[i]
        if edge - ln.bottom > (3.0 if not cap else 2.0) * ln.size:
            break
        if ln.text.endswith(_CAPTION_STOP) or _PART_HEADING.match(ln.text):
            break
        cap.append(i)
        edge = ln.top
        if len(cap) == 4:
            break
    return cap[::-1]


def _note_lines(lines: list[_Line], below: list[int], edge: float) -> tuple[list[int], list[Paragraph]]:
    """注/备注/说明 lines right under the table; wrapped lines join the note they continue."""
    taken: list[int] = []
    notes: list[Paragraph] = []
    for i in below:
        ln = lines[i]
        gap = ln.top - edge
        if _NOTE.match(ln.text) and gap <= (3.0 if not notes else 1.5) * ln.size:
            notes.append(ln.paragraph())
        elif notes and gap <= ln.size and not _MAJOR_HEADING.match(ln.text):
            notes[-1] = Paragraph(_join(notes[-1].text, ln.text), notes[-1].location)
        else:
            break
        taken.append(i)
        edge = ln.bottom
    return taken, notes


def _drop_headers_footers(pages: list[_Page]) -> None:
    """Drop page numbers and running headers/footers printed in the top or bottom margin."""

    def in_margin(ln: _Line, page: _Page) -> bool:
        edge = max(64.0, 0.08 * page.height)  # body text and table titles start lower
        return ln.bottom < edge or ln.top > page.height - edge

    def key(ln: _Line) -> str:  # a page number at either end does not make a header differ
        return re.sub(r"^\d+|\d+$", "#", _WS.sub("", ln.text))

    # a margin line repeated on half the pages is a running header or footer ("预算01表",
    # "预算02表" at the top of table pages differ, so they stay)
    seen = Counter(k for p in pages for k in {key(ln) for ln in p.lines if in_margin(ln, p)})
    many = max(2.0, 0.5 * len(pages))
    for p in pages:
        p.lines = [
            ln
            for ln in p.lines
            if not (in_margin(ln, p) and (_PAGE_NO.match(_WS.sub("", ln.text)) or seen[key(ln)] >= many))
        ]


# ---------------------------------------------------------------- reading order


@dataclass
class _Open:
    """A table that a caption-less part at the top of a later page may continue."""

    table: Table
    cols: Columns  # the first part's columns: continuations align to them
    full: set[int]  # columns of the last row whose text filled the cell
    pending: list[int] = field(default_factory=list)  # blank ruled pages met on the way


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


def _uncaptioned(part: _Part) -> bool:
    """No title above the part (or only "续表"): it may continue the previous table."""
    return all(_CONTINUED.match(_WS.sub("", ln.text)) for ln in part.caption)


def _repeats(table: Table, part: _Part) -> bool:
    """The part repeats the table's title and first header row: a continuation (as the text reader)."""
    same_caption = [_WS.sub("", p.text) for p in table.caption] == [_WS.sub("", ln.text) for ln in part.caption]
    first = _row_key(part.rows[0]) if part.rows else ""
    return bool(table.caption) and same_caption and bool(first) and first == _row_key(table.rows[0])


def _new_table(part: _Part) -> Table:
    caption = [ln.paragraph() for ln in part.caption]
    location = Location(page=part.page, bbox=part.bbox)
    return Table(list(part.rows), caption, list(part.notes), [part.page], location)


class _Flow:
    """Re-flows body lines into paragraphs, across line and page breaks."""

    def __init__(self, blocks: list[Block]) -> None:
        self.blocks = blocks
        self.lines: list[_Line] = []
        self.margins: dict[int, tuple[float, float, float]] = {}  # page -> left, right, pitch
        self.fallback: dict[float, tuple[float, float, float]] = {}  # by page height

    def set_margins(self, page: _Page) -> None:
        """Text edges and usual line pitch of the page (of a like page when it has few lines)."""
        body = page.lines
        if len(body) < 3 and page.height in self.fallback:
            self.margins[page.number] = self.fallback[page.height]
            return
        pitches = [b.top - a.top for a, b in zip(body, body[1:]) if 0 < b.top - a.top < 3 * max(a.size, b.size)]
        left = min((ln.x0 for ln in body), default=0.0)
        right = max((ln.x1 for ln in body), default=0.0)
        self.margins[page.number] = (left, right, statistics.median(pitches) if pitches else 20.0)
        if len(body) >= 3:
            self.fallback[page.height] = self.margins[page.number]

    def add(self, ln: _Line) -> None:
        if self.lines and self._starts_paragraph(ln):
            self.close()
        self.lines.append(ln)

    def close(self) -> None:
        if self.lines:
            text = ""
            for ln in self.lines:
                text = _join(text, ln.text)
            self.blocks.append(Paragraph(text, self.lines[0].location()))
        self.lines = []

    def _starts_paragraph(self, ln: _Line) -> bool:
        prev = self.lines[-1]
        left, right, pitch = self.margins[ln.page]
        if _HEADING.match(ln.text) or abs(ln.size - prev.size) > 0.2 * max(ln.size, prev.size):
            return True
        if ln.page == prev.page and ln.top - prev.top > 1.5 * pitch:
            return True  # a visibly larger gap
        if not _wrapped(prev, ln.lead, *self.margins[prev.page][:2]):
            return True  # prev stopped short though the next word would fit: its paragraph ended
        if ln.x0 <= left + 0.9 * ln.size:
            return False
        # an indented line starts a paragraph, unless it is the short tail of a centred title
        title_tail = _centered(prev, left, right) and _centered(ln, left, right) and ln.x1 < right - ln.size
        return not title_tail


def _centered(ln: _Line, left: float, right: float) -> bool:
    return abs((ln.x0 + ln.x1) - (left + right)) / 2 < ln.size


def _wrapped(prev: _Line, lead: float, left: float, right: float) -> bool:
    """Did `prev` end only because the next line's first piece did not fit? Lines before a
    number or a kinsoku pair ("元。") end well short of the margin, so measure that piece."""
    room = prev.size  # Word adds space around Latin runs in CJK text
    if prev.x1 + lead + room > right:
        return True
    return _centered(prev, left, right) and (prev.x1 - prev.x0) + lead + room > right - left


# ---------------------------------------------------------------- tables over pages


def _continue(current: _Open, part: _Part) -> None:
    """Append a continuation part: align columns, drop repeated headers, re-join a broken row."""
    table = current.table
    rows = [_align(r, current.cols, part.cols) for r in part.rows]
    last = part.rows[-1] if part.rows else []
    full = {k for k, c in enumerate(rows[-1] if rows else []) if c is not None and any(c is last[j] for j in part.full)}
    headers = {_row_key(r) for r in _header_rows(table.rows)}
    while rows and _row_key(rows[0]) and _row_key(rows[0]) in headers:
        rows.pop(0)
    cut = bool(rows and table.rows) and (_short(table.rows[-1], table.rows) or _short(rows[0], rows))
    if cut and len(rows) > 1 and not _row_key(rows[0]):
        rows.pop(0)  # the empty remainder of a row cut by the page break
    elif cut and _broken_row(table.rows[-1], rows[0], current.full):
        table.rows[-1] = _merge_rows(table.rows[-1], rows.pop(0))
    if rows:
        current.full = full
    table.rows.extend(rows)
    table.notes.extend(part.notes)
    table.pages.extend(p for p in [*current.pending, part.page] if p not in table.pages)
    current.pending = []


def _align(row: Row, base: Columns, cols: Columns) -> Row:
    """Place a continuation row's cells in the first part's columns by x position."""
    if len(cols) == len(base) and all(abs(a[0] - b[0]) < 3 for a, b in zip(cols, base)):
        return list(row)
    out: Row = [None] * len(base)
    for c in row:
        if c is None:
            continue
        x0, _, x1, _ = c.location.bbox
        start = min(range(len(base)), key=lambda j: abs(base[j][0] - x0))
        end = max([j for j in range(len(base)) if base[j][0] < x1 - 2] or [start])
        if (prev := out[start]) is not None:  # two narrow cells fall into one wide column
            b = prev.location.bbox
            c = Cell(_join(prev.text, c.text), Location(page=c.location.page, bbox=(b[0], b[1], x1, b[3])))
        out[start] = c
        for j in range(start + 1, end + 1):
            if out[j] is None or not out[j].text:
                out[j] = None
    return out


def _short(row: Row, rows: list[Row]) -> bool:
    """Is the row visibly lower than its neighbours, as a row cut by a page break is?"""

    def height(r: Row) -> float:
        return min((c.location.bbox[3] - c.location.bbox[1] for c in r if c), default=0.0)

    return height(row) < 0.75 * statistics.median(height(r) for r in rows)


def _row_key(row: Row) -> str:
    return "|".join(_WS.sub("", c.text) for c in row if c is not None and c.text.strip())


def _is_number(text: str) -> bool:
    return bool(_NUMERIC.match(_WS.sub("", text)))


def _header_rows(rows: list[Row]) -> list[Row]:
    """Leading rows before the first row carrying figures: what a continuation may repeat."""
    out = []
    for r in rows[:6]:
        if sum(1 for c in r if c is not None and c.text and _is_number(c.text)) >= 2:
            break
        out.append(r)
    return out


def _broken_row(prev: Row, cur: Row, full: set[int]) -> bool:
    """Is `cur` the rest of `prev`, cut by the page break? Yes when cur only adds label text
    under labels of prev (one of which filled its cell, so it wrapped) and figures where
    prev has none, and starts no new item."""
    shared, extra = [], []
    for j, (p, c) in enumerate(zip(prev, cur)):
        if c is None or not c.text:
            continue
        if p is not None and p.text:
            if _is_number(c.text) or _is_number(p.text) or _LIST_START.match(c.text):
                return False
            shared.append(j)
        elif _is_number(c.text):
            extra.append(j)
        else:
            return False
    prev_has_numbers = any(p is not None and p.text and _is_number(p.text) for p in prev)
    return any(j in full for j in shared) or (bool(extra) and not shared and not prev_has_numbers)


def _merge_rows(prev: Row, cur: Row) -> Row:
    out: Row = []
    for p, c in zip(prev, cur):
        if c is None or not c.text:
            out.append(p)
        elif p is None or not p.text:
            out.append(c)
        else:
            out.append(Cell(_join(p.text, c.text), p.location))
    return out + prev[len(cur) :]
