"""The format-free model of what is printed in a report.

A reader (text, PDF) produces a `Document`; nothing here knows about budgets.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

BBox = tuple[float, float, float, float]  # x0, top, x1, bottom in PDF points


@dataclass(frozen=True)
class Location:
    """Where something is printed: a page (PDF), a line (text), a sheet and cell (workbook)
    or a paragraph (Word), plus a bbox when known.

    `column` is the 1-based tab field of a text table cell; `cell` is in A1 notation (a
    Word table is named in `sheet` as 表格N); `file` names the file when one report is
    read from several files.
    """

    page: int | None = None
    line: int | None = None
    bbox: BBox | None = None
    column: int | None = None
    sheet: str | None = None
    cell: str | None = None
    paragraph: int | None = None
    file: str | None = None

    def where(self) -> str:
        """第12页 / 第113行 / 工作表“收入总表”E7 / 第5段, prefixed by the file when there are several."""
        if self.sheet:
            place = f"{self.sheet}!{self.cell}" if self.cell else f"工作表“{self.sheet}”"
        elif self.page:
            place = f"第{self.page}页"
        elif self.paragraph:
            place = f"第{self.paragraph}段"
        else:
            place = f"第{self.line}行" if self.line else ""
        return f"{self.file}：{place}" if self.file and place else place


@dataclass(frozen=True)
class Span:
    """Where `text[start:end]` of a paragraph is printed: one source line (text) or one
    printed line (PDF). `xs` (PDF) holds the x0 of each of its characters, then the x1 of
    the last, so a figure inside the line gets its own bbox."""

    start: int
    end: int
    location: Location
    xs: tuple[float, ...] = ()


@dataclass(frozen=True)
class Paragraph:
    """A run of narrative text (a heading, a sentence group, a caption line, a note).

    `heading` is the outline level the source's style gives it (a Word heading style: 0 for
    the top level), None when the source does not say.

    `spans` say where each line of it is printed (empty when the reader does not know).
    """

    text: str
    location: Location
    heading: int | None = None
    spans: tuple[Span, ...] = ()

    def locate(self, start: int, end: int) -> Location:
        """Where text[start:end] is printed: the line holding most of it (a figure broken
        over two lines, “887.36万” | “元”, is cited where its digits are), with the bbox of its
        characters on that line."""
        end = max(end, start + 1)
        parts = [s for s in self.spans if s.start < end and start < s.end]
        if not parts:
            return self.location
        most = max(parts, key=lambda s: min(end, s.end) - max(start, s.start))
        return replace(self.location, page=most.location.page, line=most.location.line,
                       bbox=_part_box(most, start, end))


def _part_box(span: Span, start: int, end: int) -> BBox | None:
    box = span.location.bbox
    if box is None:
        return None
    if len(span.xs) != span.end - span.start + 1:
        return box
    a, b = max(start, span.start) - span.start, min(end, span.end) - span.start
    return (span.xs[a], box[1], span.xs[max(b, a + 1)], box[3])


@dataclass(frozen=True)
class Cell:
    """One table cell as printed. Empty cells have text ''. A workbook cell computed by a
    formula keeps it (text is its cached value as displayed)."""

    text: str
    location: Location
    formula: str | None = None


# A cell position covered by a merged cell is None; an empty cell is Cell(text='').
Row = list[Cell | None]


@dataclass
class Table:
    """A ruled or tab-separated table, possibly continued over several pages.

    `caption` holds the lines printed just above the table (title, unit line,
    编制部门 …), nearest last; `notes` the lines just below it (注：…).
    """

    rows: list[Row]
    caption: list[Paragraph] = field(default_factory=list)
    notes: list[Paragraph] = field(default_factory=list)
    pages: list[int] = field(default_factory=list)
    location: Location = field(default_factory=Location)

    @property
    def width(self) -> int:
        return max((len(r) for r in self.rows), default=0)


Block = Paragraph | Table


@dataclass(frozen=True)
class PageNote:
    """What a reader noticed about a printed page besides its text (PDF): `blank` (nothing
    printed but headers, footers, page numbers), `bare_table` (table rules without a single
    filled cell), `undecodable` (`count` glyphs without a Unicode mapping, “(cid:N)”),
    `outside` (`count` characters printed outside the page box, not read; `sample` holds
    them without spaces)."""

    kind: str
    page: int
    count: int = 0
    sample: str = ""


@dataclass
class Document:
    """Everything a reader recovered from one file, in reading order."""

    path: str
    format: str  # "pdf" | "pdf-ocr" (a scan read by OCR) | "text" | "xlsx" | "docx", joined by "+" for one report in several files
    sha256: str
    blocks: list[Block]
    pages: int | None = None
    page_notes: list[PageNote] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # what the reader could not read well, and where
    ocr_pages: list[int] = field(default_factory=list)  # pages read by OCR: every figure on them was read so
    ocr_seconds: float | None = None

    @property
    def tables(self) -> list[Table]:
        return [b for b in self.blocks if isinstance(b, Table)]

    @property
    def paragraphs(self) -> list[Paragraph]:
        return [b for b in self.blocks if isinstance(b, Paragraph)]
