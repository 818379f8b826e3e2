"""Reader for text extractions of reports: paragraphs, and tables as tab-separated lines.

Line numbers are 1-based. A table is a run of lines holding tabs (blank lines inside
it allowed); the short lines just above it are its caption (title, unit line), the
注/备注 lines just below it its notes. A table repeated under the same caption with
the same leading header rows is a continuation and is joined to the first part.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from pathlib import Path

from budget_audit import deadline
from budget_audit.document import Block, Cell, Document, Location, Paragraph, Span, Table
from budget_audit.errors import AuditError
from budget_audit.limits import MAX_TABLE_ROWS, MAX_TEXT_BYTES, MAX_TEXT_LINES, too_many
from budget_audit.readers.common import file_sha256

_CAPTION_LINES = 4
_CAPTION_MAX_CHARS = 60
_BROKEN_LINE_MIN = 28
_SENTENCE_END = tuple("。；！？：:;!?")
_NUMBERED = re.compile(
    r"^\s*(第[一二三四五六七八九十]+部分|[一二三四五六七八九十廿]+、|[（(][一二三四五六七八九十]+[）)]|\d+[、.．]|- )"
)
_NOTE = re.compile(r"^\s*(注|备注|说明)\s*[:：0-9一二三四五六七八九十]")


@dataclass
class _Line:
    number: int
    text: str

    @property
    def is_row(self) -> bool:
        return "\t" in self.text

    @property
    def is_blank(self) -> bool:
        return not self.text.strip()


def read_text(path: Path) -> Document:
    data = path.read_bytes()
    if len(data) > MAX_TEXT_BYTES:
        raise AuditError(f"文件过大（{len(data)} 字节），不像是一份预决算报告：{path}")
    text = _decode(data, path)
    blocks = _join_continuations(_blocks(_lines(text)))
    if not blocks:
        raise AuditError(f"文件没有可读的内容：{path}")
    return Document(str(path), "text", file_sha256(path), blocks)


def decode_lines(path: Path) -> list[str]:
    """The file's lines as the reader numbers them (line N is element N-1)."""
    return [t.rstrip("\r") for t in _decode(path.read_bytes(), path).split("\n")]


def _lines(text: str) -> list[_Line]:
    """The lines that hold something (blank lines separate, and every step skips them), found
    by the regex engine: fifty million empty lines cost nothing."""
    out: list[_Line] = []
    number, last = 1, 0
    for m in re.finditer(r"[^\n]+", text):
        number += text.count("\n", last, m.start())
        last = m.start()
        line = _Line(number, m.group().rstrip("\r"))
        if line.is_row or not line.is_blank:
            out.append(line)
            if len(out) > MAX_TEXT_LINES:  # before the cells of millions of tiny rows fill memory
                too_many(f"{MAX_TEXT_LINES} 多行文字", str(MAX_TEXT_LINES))
    return out


_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))  # UTF-32's LE mark starts like UTF-16's


def _decode(data: bytes, path: Path) -> str:
    """UTF-8, GB18030/GBK, or UTF-16/UTF-32 with or without a byte-order mark."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            candidates: tuple[str, ...] = (encoding,)
            break
    else:
        candidates = _wide_encoding(data[:4096]) if b"\x00" in data[:4096] else ("utf-8", "gb18030")
    for encoding in candidates:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _mostly_printable(text):
            return text
    if b"\x00" in data[:4096]:
        raise AuditError(f"不是文本文件（含二进制内容），也不是 PDF：{path}")
    raise AuditError(f"无法识别文件编码（支持 UTF-8、GB18030/GBK、UTF-16、UTF-32）：{path}")


def _wide_encoding(sample: bytes) -> tuple[str, ...]:
    """UTF-32 or UTF-16 without a byte-order mark, told by where the NUL bytes fall: digits,
    tabs and line breaks have a NUL high byte, CJK characters almost never a NUL low byte."""
    if len(sample) >= 8 and len(sample) % 4 == 0:
        if not any(sample[3::4]) and not any(sample[2::4]):
            return ("utf-32-le",)
        if not any(sample[0::4]) and not any(sample[1::4]):
            return ("utf-32-be",)
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    if odd >= max(2, len(sample) // 40) and even * 10 <= odd:
        return ("utf-16-le",)
    if even >= max(2, len(sample) // 40) and odd * 10 <= even:
        return ("utf-16-be",)
    return ()


def _mostly_printable(text: str) -> bool:
    sample = text[:20000]
    bad = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\t\n\r\f")
    return bad <= len(sample) // 100


def _blocks(lines: list[_Line]) -> list[Block]:
    blocks: list[Block] = []
    pending: list[_Line] = []  # non-table lines not yet placed
    i, row_count = 0, 0
    while i < len(lines):
        if not lines[i].is_row:
            pending.append(lines[i])
            i += 1
            continue
        deadline.reached(f"读取第 {lines[i].number} 行")
        end = _table_end(lines, i)
        rows = [ln for ln in lines[i:end] if ln.is_row]
        row_count += len(rows)
        if row_count > MAX_TABLE_ROWS:  # say so before building their cells
            too_many(f"{MAX_TABLE_ROWS} 多行表格", str(MAX_TABLE_ROWS))
        caption, before = _split_caption(pending)
        blocks.extend(_paragraphs(before))
        notes, i = _notes(lines, end)
        blocks.append(_table(rows, caption, notes))
        pending = []
    blocks.extend(_paragraphs(pending))
    return blocks


def _table_end(lines: list[_Line], start: int) -> int:
    """Index after the last row of the run starting at start; blank lines may sit inside."""
    end = start
    j = start
    while j < len(lines):
        if lines[j].is_row:
            end = j + 1
        elif not lines[j].is_blank:
            break
        j += 1
    return end


def _split_caption(pending: list[_Line]) -> tuple[list[_Line], list[_Line]]:
    """The short lines right above a table are its caption; the rest is narrative."""
    caption: list[_Line] = []
    k = len(pending)
    while k > 0 and len(caption) < _CAPTION_LINES:
        line = pending[k - 1]
        if line.is_blank:
            k -= 1
            continue
        if len(line.text.strip()) > _CAPTION_MAX_CHARS or line.text.strip().endswith("。"):
            break
        caption.insert(0, line)
        k -= 1
    return caption, pending[:k]


def _notes(lines: list[_Line], end: int) -> tuple[list[_Line], int]:
    j = end
    while j < len(lines) and lines[j].is_blank:
        j += 1
    if j < len(lines) and not lines[j].is_row and _NOTE.match(lines[j].text):
        return [lines[j]], j + 1
    return [], end


def _table(rows: list[_Line], caption: list[_Line], notes: list[_Line]) -> Table:
    cells = [
        [Cell(text.strip(), Location(line=ln.number, column=i + 1)) for i, text in enumerate(ln.text.split("\t"))]
        for ln in rows
    ]
    return Table(
        rows=cells,  # type: ignore[arg-type]
        caption=[_para(ln.text, ln.number) for ln in caption],
        notes=[_para(ln.text, ln.number) for ln in notes],
        location=Location(line=rows[0].number),
    )


def _para(text: str, line: int) -> Paragraph:
    return Paragraph(text.strip(), Location(line=line))


def _paragraphs(lines: list[_Line]) -> list[Paragraph]:
    """Join lines into paragraphs; a line broken mid-sentence continues after blank lines."""
    out: list[Paragraph] = []
    current: list[_Line] = []
    for line in lines:
        if line.is_blank:
            continue
        if current and _continues(current[-1].text, line.text):
            current.append(line)
            continue
        if current:
            out.append(_joined(current))
        current = [line]
    if current:
        out.append(_joined(current))
    return out


def _continues(previous: str, line: str) -> bool:
    """A line broken mid-sentence is long; a short unpunctuated line is a title of its own."""
    prev = previous.strip()
    if len(prev) < _BROKEN_LINE_MIN or prev.endswith(_SENTENCE_END) or _is_heading(prev):
        return False
    return not _NUMBERED.match(line) and not _NOTE.match(line)


def _is_heading(text: str) -> bool:
    if text.startswith("- "):
        return True
    return bool(_NUMBERED.match(text)) and len(text) <= 30 and "，" not in text and "万元" not in text


def _joined(lines: list[_Line]) -> Paragraph:
    """The lines as one paragraph that remembers which line each character came from."""
    text, spans = "", []
    for ln in lines:
        part = ln.text.strip()
        text = _glue(text, part) if text else part
        spans.append(Span(len(text) - len(part), len(text), Location(line=ln.number)))
    return Paragraph(text, Location(line=lines[0].number), spans=tuple(spans))


def _glue(left: str, right: str) -> str:
    """No space between CJK text broken over lines; one space between Latin words."""
    if left and right and left[-1].isascii() and right[0].isascii() and left[-1].isalnum():
        return f"{left} {right}"
    return left + right


def _join_continuations(blocks: list[Block]) -> list[Block]:
    out: list[Block] = []
    for block in blocks:
        prev = out[-1] if out else None
        if isinstance(block, Table) and isinstance(prev, Table) and _continues_table(prev, block):
            prev.rows.extend(block.rows[_common_header(prev, block):])
            prev.notes.extend(block.notes)
            continue
        out.append(block)
    return out


def _continues_table(first: Table, part: Table) -> bool:
    same_caption = [p.text for p in first.caption] == [p.text for p in part.caption]
    return bool(first.caption) and same_caption and not first.notes and _common_header(first, part) > 0


def _common_header(first: Table, part: Table) -> int:
    n = 0
    while n < min(len(first.rows), len(part.rows)) and _texts(first.rows[n]) == _texts(part.rows[n]):
        n += 1
    return n


def _texts(row: list[Cell | None]) -> list[str]:
    return [c.text if c else "" for c in row]
