"""The format-free model of what is printed in a report.

A reader (text, PDF) produces a `Document`; nothing here knows about budgets.
"""

from __future__ import annotations

from dataclasses import dataclass, field

BBox = tuple[float, float, float, float]  # x0, top, x1, bottom in PDF points


@dataclass(frozen=True)
class Location:
    """Where something is printed: a page (PDF) or a line (text), plus a bbox when known.

    `column` is the 1-based tab field of a text table cell.
    """

    page: int | None = None
    line: int | None = None
    bbox: BBox | None = None
    column: int | None = None


@dataclass(frozen=True)
class Paragraph:
    """A run of narrative text (a heading, a sentence group, a caption line, a note)."""

    text: str
    location: Location


@dataclass(frozen=True)
class Cell:
    """One table cell as printed. Empty cells have text ''."""

    text: str
    location: Location


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
    format: str  # "pdf" | "pdf-ocr" (a scan read by OCR) | "text"
    sha256: str
    blocks: list[Block]
    pages: int | None = None
    ocr_pages: list[int] = field(default_factory=list)  # pages read by OCR: every figure on them was
    ocr_seconds: float | None = None

    @property
    def tables(self) -> list[Table]:
        return [b for b in self.blocks if isinstance(b, Table)]

    @property
    def paragraphs(self) -> list[Paragraph]:
        return [b for b in self.blocks if isinstance(b, Paragraph)]
