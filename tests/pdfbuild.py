"""Render a report in the project's text format into a PDF that looks like a published one.

Test-fixture builder (dev-only: needs reportlab). The text format: UTF-8 lines; narrative
paragraphs separated by blank lines; tables are runs of lines containing TABs, usually
preceded by a title line and a unit line ("单位：万元") and sometimes followed by a note
("注：…"). Nothing here knows any particular report: layout decisions come from the
shape of the text only.

The same report can be typeset several ways, as real ones are: tables fully ruled (`grid`),
with a rule under every row only (`horizontal`), as 三线表 (`header`: top, under the header,
bottom) or with no rules at all (`none`); and `compact` (small type, tight leading, narrow
label columns that wrap to three lines, no space between a table and what follows).

    python tests/pdfbuild.py REPORT.txt OUT.pdf [grid|horizontal|header|none] [compact]
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Table,
    TableStyle,
)

FONT = "STSong-Light"
MARGIN = 18 * mm
FOOTER_Y = 10 * mm
WIDE_COLUMNS = 8  # more columns than this go on a landscape page
MAX_HEADER_ROWS = 3  # a repeated header must leave room for the body on every page

# A cell holding an amount such as 2,875.84 or 800.00: the first row with one ends the header.
AMOUNT_RE = re.compile(r"[-−]?(?:\d{1,3}(?:,\d{3})+|\d+)\.\d{2}")
# Cells that read as figures are right-aligned, like in the published tables.
FIGURE_RE = re.compile(r"[-−]?[\d,]*\d(?:\.\d+)?%?")
UNIT_RE = re.compile(
    r"^\s*(?:(?:金额|计量)?单位(?:名称)?\s*[:：]|.*单位\s*[:：]\s*(?:元|万元|千元|亿元)\s*$)"
)
TABLE_NO_RE = re.compile(r"^\s*(?:\S{0,6}\d{1,3}\s*表|附?表\s*\d{1,3}(?:[-－]\d+)?)\s*$")
NOTE_RE = re.compile(r"^\s*(?:注|备注|说明)\s*\d*\s*[:：]")
MAX_TITLE_CHARS = 60

pdfmetrics.registerFont(UnicodeCIDFont(FONT))


RULES = ("grid", "horizontal", "header", "none")


@dataclass(frozen=True)
class Layout:
    rules: str = "grid"  # one of RULES
    compact: bool = False


@dataclass
class Line:
    text: str
    role: str = "body"  # body | heading | tableno | title | unit | note
    landscape: bool = False


@dataclass
class Block:
    rows: list[list[str]]
    landscape: bool = False


Item = Line | Block


# ---------------------------------------------------------------- parsing


def parse(text: str) -> list[Item]:
    """Split the text into lines and tab blocks; a blank line ends a block."""
    items: list[Item] = []
    rows: list[list[str]] = []
    for raw in text.splitlines():
        if "\t" in raw:
            rows.append([c.strip() for c in raw.split("\t")])
            continue
        if rows:
            items.append(Block(_pad(rows)))
            rows = []
        if raw.strip():
            items.append(Line(raw.strip()))
    if rows:
        items.append(Block(_pad(rows)))
    _assign_roles(items)
    return items


def _pad(rows: list[list[str]]) -> list[list[str]]:
    width = max(len(r) for r in rows)
    return [r + [""] * (width - len(r)) for r in rows]


def _assign_roles(items: list[Item]) -> None:
    """Mark each table's caption lines and notes, so they are styled and kept with it."""
    for i, item in enumerate(items):
        if isinstance(item, Line) and item.role == "body":
            if re.match(r"^第[一二三四五六七八九十\d]+部分", item.text):
                item.role = "heading"
        if not isinstance(item, Block):
            continue
        wide = len(item.rows[0]) > WIDE_COLUMNS
        item.landscape = wide
        group = _captions(items, i) + [item] + _notes(items, i)
        for member in group:
            member.landscape = wide


def _captions(items: list[Item], i: int) -> list[Line]:
    """The lines just above block i that belong to it: [table no.] title [unit]."""
    found: list[Line] = []
    k = i - 1

    def line_at(k: int) -> Line | None:
        it = items[k] if k >= 0 else None
        return it if isinstance(it, Line) and it.role == "body" else None

    cand = line_at(k)
    if cand and UNIT_RE.match(cand.text):
        cand.role = "unit"
        found.append(cand)
        k -= 1
        cand = line_at(k)
    if cand and len(cand.text) <= MAX_TITLE_CHARS and not NOTE_RE.match(cand.text):
        cand.role = "tableno" if TABLE_NO_RE.match(cand.text) else "title"
        found.append(cand)
        k -= 1
        cand = line_at(k)
        if found[-1].role == "title" and cand and TABLE_NO_RE.match(cand.text):
            cand.role = "tableno"
            found.append(cand)
    return found[::-1]


def _notes(items: list[Item], i: int) -> list[Line]:
    notes: list[Line] = []
    for it in items[i + 1 :]:
        if not (isinstance(it, Line) and it.role == "body" and NOTE_RE.match(it.text)):
            break
        it.role = "note"
        notes.append(it)
    return notes


# ---------------------------------------------------------------- styles


def _style(name: str, size: float, align: int = TA_LEFT, **kw: object) -> ParagraphStyle:
    return ParagraphStyle(
        name, fontName=FONT, fontSize=size, leading=size * 1.35, alignment=align,
        wordWrap="CJK", **kw,
    )


STYLES = {
    "body": _style("body", 10.5, firstLineIndent=21, spaceAfter=4),
    "heading": _style("heading", 14, TA_CENTER, spaceBefore=10, spaceAfter=8),
    "tableno": _style("tableno", 9, TA_LEFT, keepWithNext=1, spaceBefore=8),
    "title": _style("title", 13, TA_CENTER, keepWithNext=1, spaceBefore=8, spaceAfter=4),
    "unit": _style("unit", 9, TA_RIGHT, keepWithNext=1, spaceAfter=2),
    "note": _style("note", 8.5, TA_LEFT, spaceBefore=3, spaceAfter=6),
}


def _cell_styles(size: float) -> dict[str, ParagraphStyle]:
    # CJK wrapping lets a closing "。" hang past the line end; the indent keeps it in its cell.
    hang = {"rightIndent": size}
    return {
        "text": _style(f"cell-l-{size}", size, TA_LEFT, **hang),
        "figure": _style(f"cell-r-{size}", size, TA_RIGHT),
        "header": _style(f"cell-c-{size}", size, TA_CENTER, **hang),
    }


def _compact_styles() -> dict[str, ParagraphStyle]:
    """Smaller titles and notes with no space around them: a table starts right under the last."""
    out = {}
    for role, style in STYLES.items():
        size = style.fontSize * 0.75
        out[role] = ParagraphStyle(f"{role}-compact", parent=style, fontSize=size, leading=size * 1.15,
                                   firstLineIndent=style.firstLineIndent and 2 * size, spaceBefore=0, spaceAfter=0)
    return out


COMPACT_STYLES = _compact_styles()
CELL_STYLES = {size: _cell_styles(size) for size in (8.0, 6.5)}
CELL_PAD = 2.5
COMPACT_CELL = 5.5  # type size of compact tables
COMPACT_PAD = 1.0
COMPACT_CELL_STYLES = {
    k: ParagraphStyle(f"{v.name}-compact", parent=v, fontSize=COMPACT_CELL, leading=COMPACT_CELL * 1.12,
                      rightIndent=v.rightIndent and COMPACT_CELL)
    for k, v in _cell_styles(COMPACT_CELL).items()
}


# ---------------------------------------------------------------- tables


def header_rows(rows: list[list[str]]) -> int:
    """Rows before the first one holding an amount; 1 when no row has one."""
    for n, row in enumerate(rows):
        if any(AMOUNT_RE.fullmatch(c) for c in row):
            return min(n, MAX_HEADER_ROWS)
    return 1 if len(rows) > 1 else 0


def column_widths(rows: list[list[str]], avail: float, size: float, cap: float = 0.4,
                  cell_pad: float = CELL_PAD) -> list[float]:
    """Widths that fit `avail`: short columns keep their figures on one line, long text wraps
    (at `cap` of the width)."""
    ncols = len(rows[0])
    pad = 2 * cell_pad + size + 2  # padding plus the hanging-punctuation indent
    natural = [2.5 * size + pad] * ncols
    minimum = [2.5 * size + pad] * ncols
    for row in rows:
        for j, cell in enumerate(row):
            if not cell:
                continue
            w = pdfmetrics.stringWidth(cell, FONT, size) + pad
            # Cap long text so it wraps instead of starving the other columns.
            natural[j] = max(natural[j], min(w, cap * avail))
            if FIGURE_RE.fullmatch(cell) or len(cell) <= 4:
                minimum[j] = max(minimum[j], w)
    minimum = [min(m, n) for m, n in zip(minimum, natural)]
    total = sum(natural)
    if total <= avail:
        return [w * avail / total for w in natural]
    slack = total - sum(minimum)
    if sum(minimum) >= avail or slack <= 0:
        return [w * avail / total for w in natural]
    k = (avail - sum(minimum)) / slack
    return [m + (n - m) * k for m, n in zip(minimum, natural)]


def _too_tall_row(rows: list[list[str]], widths: list[float], size: float, frame_h: float) -> bool:
    """Cheap estimate: would some row not fit on one page? (then it must split inside)."""
    leading = size * 1.35
    for row in rows:
        lines = max(
            (pdfmetrics.stringWidth(c, FONT, size) / max(w - 2 * CELL_PAD, 1) + 1 for c, w in zip(row, widths) if c),
            default=1,
        )
        if lines * leading > 0.8 * frame_h:
            return True
    return False


def make_table(rows: list[list[str]], avail_w: float, frame_h: float, layout: Layout = Layout()) -> Table:
    size = 6.5 if len(rows[0]) > WIDE_COLUMNS else 8.0
    styles, pad, cap = CELL_STYLES[size], CELL_PAD, 0.4
    if layout.compact:  # narrow text columns: long names wrap to three lines
        size, styles, pad, cap = COMPACT_CELL, COMPACT_CELL_STYLES, COMPACT_PAD, 0.12
    nhead = header_rows(rows)
    widths = column_widths(rows, avail_w, size, cap, pad)
    data = [
        [_cell(c, styles, header=r < nhead) for c in row]
        for r, row in enumerate(rows)
    ]
    table = Table(
        data,
        colWidths=widths,
        repeatRows=nhead,
        splitByRow=1,
        # A row taller than a page can only be split inside; others move whole, like Word does.
        splitInRow=1 if _too_tall_row(rows, widths, size, frame_h) else 0,
        hAlign="CENTER",
        spaceBefore=0 if layout.compact else 4,
        spaceAfter=0 if layout.compact else 6,
    )
    commands: list[tuple] = [
        ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
        ("TOPPADDING", (0, 0), (-1, -1), pad),
        ("BOTTOMPADDING", (0, 0), (-1, -1), pad),
        ("LEFTPADDING", (0, 0), (-1, -1), pad),
        ("RIGHTPADDING", (0, 0), (-1, -1), pad),
        *_rules(layout.rules, nhead),
    ]
    if nhead and layout.rules == "grid":  # a shaded header is a filled rectangle: ruling of its own
        commands.append(("BACKGROUND", (0, 0), (-1, nhead - 1), "#e8e8e8"))
    table.setStyle(TableStyle(commands))
    return table


def _rules(rules: str, nhead: int) -> list[tuple]:
    if rules == "grid":
        return [("GRID", (0, 0), (-1, -1), 0.5, "black")]
    if rules == "horizontal":
        return [("LINEABOVE", (0, 0), (-1, 0), 0.5, "black"), ("LINEBELOW", (0, 0), (-1, -1), 0.5, "black")]
    if rules == "header":  # 三线表
        return [("LINEABOVE", (0, 0), (-1, 0), 1.0, "black"), ("LINEBELOW", (0, max(nhead - 1, 0)), (-1, max(nhead - 1, 0)), 0.5, "black"),
                ("LINEBELOW", (0, -1), (-1, -1), 1.0, "black")]
    return []


def _cell(text: str, styles: dict[str, ParagraphStyle], header: bool) -> Paragraph | str:
    if not text:
        return ""
    kind = "header" if header else "figure" if FIGURE_RE.fullmatch(text) else "text"
    return Paragraph(escape(text), styles[kind])


# ---------------------------------------------------------------- document


def _page_templates() -> list[PageTemplate]:
    templates = []
    for name, size in (("portrait", A4), ("landscape", landscape(A4))):
        w, h = size
        frame = Frame(MARGIN, MARGIN, w - 2 * MARGIN, h - 2 * MARGIN, id=name,
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
        templates.append(PageTemplate(id=name, frames=[frame], onPage=_footer(w), pagesize=size))
    return templates


def _footer(page_w: float):
    def draw(canvas, doc) -> None:
        canvas.saveState()
        canvas.setFont(FONT, 9)
        canvas.drawCentredString(page_w / 2, FOOTER_Y, f"- {doc.page} -")
        canvas.restoreState()

    return draw


def _frame_size(land: bool) -> tuple[float, float]:
    w, h = landscape(A4) if land else A4
    return w - 2 * MARGIN, h - 2 * MARGIN


def flowables(items: list[Item], layout: Layout = Layout()) -> list[Flowable]:
    story: list[Flowable] = []
    styles = COMPACT_STYLES if layout.compact else STYLES
    current = items[0].landscape if items else False  # the first page is laid out this way
    for item in items:
        if item.landscape != current:
            # The switch takes effect on the next page, so break right after asking for it.
            story += [NextPageTemplate("landscape" if item.landscape else "portrait"), PageBreak()]
            current = item.landscape
        if isinstance(item, Block):
            story.append(make_table(item.rows, *_frame_size(item.landscape), layout))
        else:
            story.append(Paragraph(escape(item.text), styles[item.role]))
    return story


def build_pdf(text: str, out: Path, rules: str = "grid", compact: bool = False) -> Path:
    """Render report text (the project's text format) into a PDF at `out`, its tables ruled
    as `rules` says (one of RULES), in `compact` type if asked."""
    if rules not in RULES:
        raise ValueError(f"rules must be one of {RULES}")
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    items = parse(text)
    doc = BaseDocTemplate(str(out), pagesize=A4, pageTemplates=_page_templates(),
                          leftMargin=MARGIN, rightMargin=MARGIN, topMargin=MARGIN, bottomMargin=MARGIN,
                          title=out.stem, invariant=1)
    if items and items[0].landscape:
        # The first page uses the first template, before any NextPageTemplate is read.
        doc.pageTemplates = doc.pageTemplates[::-1]
    story = flowables(items, Layout(rules, compact))
    doc.build(story or [Paragraph("", STYLES["body"])])
    return out


def build_pdf_from_file(src: Path, out: Path, rules: str = "grid", compact: bool = False) -> Path:
    return build_pdf(Path(src).read_text(encoding="utf-8"), out, rules, compact)


if __name__ == "__main__":
    args = sys.argv[1:]
    compact = "compact" in args
    args = [a for a in args if a != "compact"]
    if len(args) not in (2, 3):
        sys.exit("usage: python tests/pdfbuild.py REPORT.txt OUT.pdf [grid|horizontal|header|none] [compact]")
    print(build_pdf_from_file(Path(args[0]), Path(args[1]), *args[2:], compact=compact))
