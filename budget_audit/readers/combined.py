"""One report read from several files (a .docx narrative and an .xlsx of tables): one
Document, its blocks in the order the files are given, each location naming its file."""

from __future__ import annotations

import hashlib
from dataclasses import replace
from pathlib import Path

from budget_audit.document import Block, Cell, Document, Location, Paragraph, Table


def combine(docs: list[Document]) -> Document:
    blocks = [_relocated(b, Path(d.path).name) for d in docs for b in d.blocks]
    digest = hashlib.sha256("\n".join(d.sha256 for d in docs).encode()).hexdigest()
    pages = [d.pages for d in docs if d.pages]
    return Document(" + ".join(d.path for d in docs), "+".join(d.format for d in docs), digest, blocks,
                    sum(pages) if pages else None)


def _relocated(block: Block, file: str) -> Block:
    if isinstance(block, Paragraph):
        return _para(block, file)
    moved: dict[int, Cell] = {}  # a merged cell fills several positions: move it once

    def cell(c: Cell | None) -> Cell | None:
        if c is None:
            return None
        if id(c) not in moved:
            moved[id(c)] = replace(c, location=_at(c.location, file))
        return moved[id(c)]

    return Table(rows=[[cell(c) for c in row] for row in block.rows],
                 caption=[_para(p, file) for p in block.caption], notes=[_para(p, file) for p in block.notes],
                 pages=block.pages, location=_at(block.location, file))


def _para(p: Paragraph, file: str) -> Paragraph:
    return replace(p, location=_at(p.location, file))


def _at(location: Location, file: str) -> Location:
    return replace(location, file=file)
