"""What a report means: recognised tables with canonical rows and columns."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from budget_audit.document import Location, PageNote, Paragraph, Table
from budget_audit.numbers import Amount
from budget_audit.understand.catalog import TableKind
from budget_audit.understand.claims import Claim, Count

if TYPE_CHECKING:  # the forms model builds on this one
    from budget_audit.understand.forms.model import Forms


@dataclass
class Figure:
    """One amount cell: its value (None when printed empty) and where it is."""

    amount: Amount | None
    location: Location
    raw: str = ""


@dataclass
class Line:
    """One row of a recognised table.

    `label` is the row's name as printed (cleaned); `code` the joined 科目编码 with its
    `level` (1 类 / 2 款 / 3 项); `outline` the numbering level in statement tables
    (0 when unnumbered). `values` maps canonical column names to figures.
    """

    label: str
    location: Location
    values: dict[str, Figure] = field(default_factory=dict)
    code: str | None = None
    printed_code: str | None = None  # as printed, e.g. '208 05 01' when split over 类/款/项 columns
    level: int | None = None
    outline: int = 0
    is_total: bool = False

    def figure(self, column: str) -> Figure | None:
        return self.values.get(column)


@dataclass
class Panel:
    """A side of a statement table (收入 or 支出), or the whole body of other tables."""

    name: str
    columns: list[str]
    lines: list[Line]


@dataclass
class ReportTable:
    kind: TableKind
    title: str
    unit: str
    unit_stated: bool
    source: Table
    panels: list[Panel]
    notes: list[Paragraph]
    problems: list[str] = field(default_factory=list)

    @property
    def pages(self) -> list[int]:
        return self.source.pages

    @property
    def location(self) -> Location:
        return self.source.location

    @property
    def lines(self) -> list[Line]:
        return [ln for p in self.panels for ln in p.lines]

    def panel(self, name: str | None) -> Panel | None:
        if name is None:
            return self.panels[0] if len(self.panels) == 1 else None
        return next((p for p in self.panels if p.name == name), None)

    @property
    def is_empty(self) -> bool:
        """No figure anywhere: an empty fund table printed with its note."""
        return all(f.amount is None or f.amount.value == 0 for ln in self.lines for f in ln.values.values())

    @property
    def readable(self) -> bool:
        return not self.problems


@dataclass
class Report:
    """A document understood: its type, year, body and recognised tables."""

    path: str
    format: str
    sha256: str
    pages: int | None
    document_type: str  # "budget" | "final_accounts"
    year: int | None
    body: str | None
    tables: list[ReportTable]
    paragraphs: list[Paragraph]
    unrecognised_tables: int = 0
    claims: list[Claim] = field(default_factory=list)
    counts: list[Count] = field(default_factory=list)
    forms: Forms = field(default_factory=lambda: _no_forms())  # 项目、采购、购买服务、绩效表
    page_notes: list[PageNote] = field(default_factory=list)  # blank pages, glyphs not read (PDF)
    problems: list[str] = field(default_factory=list)  # what the reader could not read well (damage)
    ocr_pages: list[int] = field(default_factory=list)  # pages read by OCR: every figure on them was read so
    ocr_seconds: float | None = None

    def tables_of(self, kind: str) -> list[ReportTable]:
        return [t for t in self.tables if t.kind.name == kind]


def _no_forms() -> Forms:
    from budget_audit.understand.forms.model import Forms
    return Forms()
