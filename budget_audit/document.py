"""The format-free model of what is printed in a report.

A reader (text, PDF) produces a `Document`; nothing here knows about budgets.
"""

from __future__ import annotations

from dataclasses import dataclass, field

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
class Paragraph:
    """A run of narrative text (a heading, a sentence group, a caption line, a note).

    `heading` is the outline level the source's style gives it (a Word heading style: 0 for
    the top level), None when the source does not say.
    """

    text: str
    location: Location
    heading: int | None = None


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


@dataclass
class Document:
    """Everything a reader recovered from one file, in reading order."""

    path: str
    format: str  # "pdf" | "text" | "xlsx" | "docx", joined by "+" for one report in several files
    sha256: str
    blocks: list[Block]
    pages: int | None = None

    @property
    def tables(self) -> list[Table]:
        return [b for b in self.blocks if isinstance(b, Table)]

    @property
    def paragraphs(self) -> list[Paragraph]:
        return [b for b in self.blocks if isinstance(b, Paragraph)]
