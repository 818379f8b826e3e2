"""Readers turn a file into a `Document`. They know nothing about budgets."""

from __future__ import annotations

from pathlib import Path

from budget_audit.document import Document
from budget_audit.errors import AuditError
from budget_audit.limits import MAX_PDF_BYTES

# The file names a folder scan picks up: every format some reader reads. A file named on the
# command line is read whatever its name (the reader is chosen by content).
SUFFIXES = (".pdf", ".txt", ".xlsx", ".docx")

_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls / .doc, or an encrypted Office file


def read(path: str | Path | list[str | Path]) -> Document:
    """Read a report, choosing the reader by the file's content, not its name; a list of
    files is one report (its narrative in one file, its tables in another)."""
    if isinstance(path, list):
        from budget_audit.readers.combined import combine

        return combine([read(p) for p in path]) if len(path) > 1 else read(path[0])
    p = Path(path)
    if not p.exists():
        raise AuditError(f"文件不存在：{p}")
    if not p.is_file():
        raise AuditError(f"不是文件：{p}")
    with p.open("rb") as f:
        head = f.read(8)
    if not head:
        raise AuditError(f"文件为空：{p}")
    if head.startswith(b"%PDF"):
        if p.stat().st_size > MAX_PDF_BYTES:
            raise AuditError(f"PDF 文件过大（{p.stat().st_size >> 20} MB，上限 {MAX_PDF_BYTES >> 20} MB），未审核：{p}")
        from budget_audit.readers import pdf

        return pdf.read_pdf(p)
    if head.startswith((b"PK\x03\x04", _OLE2)):
        from budget_audit.readers import office

        return office.read_office(p, head)
    from budget_audit.readers import text

    return text.read_text(p)
