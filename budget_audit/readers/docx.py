"""Reader for Word documents (.docx): paragraphs in reading order, and any tables.

Paragraphs are numbered as Word's body holds them (1-based, empty ones counted), which is
their location. Auto-numbering labels (一、 （二）) are put back in front of the text, and a
paragraph styled as a heading says so. A Word table is named 表格N (the N-th table) and its
cells are located in A1 notation; short paragraphs right above it are its caption, a 注
paragraph right below it its note.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from budget_audit.document import Block, Cell, Document, Location, Paragraph, Table
from budget_audit.errors import AuditError
from budget_audit.numbers import looks_like_amount
from budget_audit.readers.common import NOTE, caption_count, file_sha256
from budget_audit.readers.word_numbering import Numbering

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_HEADING_STYLE = re.compile(r"^(heading|标题)\s*(\d)$", re.IGNORECASE)


def read_docx(path: Path) -> Document:
    import docx

    try:
        word = docx.Document(str(path))
    except Exception as e:  # noqa: BLE001 - python-docx raises many kinds for a damaged file
        raise AuditError(f"无法读取 Word 文档（{type(e).__name__}: {e}）：{path}") from e
    blocks = _blocks(word)
    if not blocks:
        raise AuditError(f"Word 文档中没有可读的内容：{path}")
    return Document(str(path), "docx", file_sha256(path), blocks)


def _blocks(word: Any) -> list[Block]:
    from docx.table import Table as WordTable

    numbering = Numbering(_numbering_element(word))
    blocks: list[Block] = []
    pending: list[Paragraph] = []
    number = tables = 0
    for item in word.iter_inner_content():
        if isinstance(item, WordTable):
            tables += 1
            keep = len(pending) - caption_count([p.text for p in pending])
            blocks.extend(pending[:keep])
            blocks.append(_table(item, f"表格{tables}", pending[keep:]))
            pending = []
            continue
        number += 1
        paragraph = _paragraph(item, number, numbering)
        if paragraph is None:
            continue
        last = blocks[-1] if blocks and not pending else None
        if isinstance(last, Table) and NOTE.match(paragraph.text) and not last.notes:
            last.notes.append(paragraph)
        else:
            pending.append(paragraph)
    return blocks + pending


def _numbering_element(word: Any) -> Any | None:
    try:
        return word.part.numbering_part.element
    except (KeyError, NotImplementedError, AttributeError):
        return None


def _paragraph(p: Any, number: int, numbering: Numbering) -> Paragraph | None:
    num_id, ilvl = _num_pr(p)
    label = numbering.label(num_id, ilvl) if num_id else ""
    text = p.text.strip()
    if not text:
        return None
    return Paragraph(label + text, Location(paragraph=number), heading=_heading_level(p))


def _num_pr(p: Any) -> tuple[str | None, int]:
    """The list a paragraph is numbered in, directly or through its style."""
    for element in (p._p, getattr(p.style, "element", None)):
        num_pr = element.find(f"{_W}pPr/{_W}numPr") if element is not None else None
        if num_pr is not None:
            num_id, ilvl = num_pr.find(f"{_W}numId"), num_pr.find(f"{_W}ilvl")
            if num_id is not None and num_id.get(f"{_W}val") != "0":
                return num_id.get(f"{_W}val"), int(ilvl.get(f"{_W}val")) if ilvl is not None else 0
    return None, 0


def _heading_level(p: Any) -> int | None:
    """0 for Heading 1 / 标题 1, 1 for Heading 2 …; from the outline level when the style has one."""
    name = p.style.name if p.style is not None else ""
    m = _HEADING_STYLE.match(name or "")
    if m:
        return int(m.group(2)) - 1
    for element in (p._p, getattr(p.style, "element", None)):
        level = element.find(f"{_W}pPr/{_W}outlineLvl") if element is not None else None
        if level is not None and int(level.get(f"{_W}val", "9")) < 9:
            return int(level.get(f"{_W}val"))
    return None


def _table(table: Any, name: str, caption: list[Paragraph]) -> Table:
    """Rows of cells; a merged label fills the positions it covers, a merged number only its first."""
    rows: list[list[Cell | None]] = []
    anchors: dict[int, Cell] = {}  # column → the cell a vertical merge continues
    for r, tr in enumerate(table._tbl.findall(f"{_W}tr")):
        cells: list[Cell | None] = []
        for tc in tr.findall(f"{_W}tc"):
            span, merge = _tc_shape(tc)
            c = len(cells)
            own = not (merge == "continue" and c in anchors)
            first = Cell(_text(tc), Location(sheet=name, cell=_a1(r, c))) if own else anchors[c]
            for k in range(span):
                fill = None if looks_like_amount(first.text) else first
                cells.append(first if own and k == 0 else fill)
                anchors[c + k] = first
        rows.append(cells)
    return Table(rows=rows, caption=caption, location=Location(sheet=name, cell="A1"))


def _text(tc: Any) -> str:
    return "".join("".join(t.text or "" for t in p.iter(f"{_W}t")).strip() for p in tc.findall(f"{_W}p"))


def _tc_shape(tc: Any) -> tuple[int, str | None]:
    """How many grid columns a Word cell spans, and whether it starts or continues a vertical merge."""
    span = tc.find(f"{_W}tcPr/{_W}gridSpan")
    merge = tc.find(f"{_W}tcPr/{_W}vMerge")
    state = None if merge is None else ("restart" if merge.get(f"{_W}val") == "restart" else "continue")
    return int(span.get(f"{_W}val", "1")) if span is not None else 1, state


def _a1(r: int, c: int) -> str:
    letters = ""
    c += 1
    while c:
        c, rem = divmod(c - 1, 26)
        letters = chr(ord("A") + rem) + letters
    return f"{letters}{r + 1}"
