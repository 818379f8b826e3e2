"""Readers turn a file into a `Document`. They know nothing about budgets."""

from __future__ import annotations

from pathlib import Path

from budget_audit.document import Document
from budget_audit.errors import AuditError
from budget_audit.limits import MAX_PDF_BYTES


def read(path: str | Path) -> Document:
    """Read a report, choosing the reader by the file's content, not its name."""
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
    from budget_audit.readers import text

    return text.read_text(p)
