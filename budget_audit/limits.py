"""Size caps: beyond these a file is not one budget report, and auditing it would only use up
time and memory (every check compares figures across tables, so cost grows faster than size).

A published report has tens of tables, a few thousand table rows and a few hundred figures in
its narrative; the caps leave ample room above that. A file over a cap exits 2 saying which.
"""

from __future__ import annotations

from typing import NoReturn

from budget_audit.document import Document
from budget_audit.errors import AuditError

MAX_TEXT_BYTES = 16 * 1024 * 1024
MAX_TEXT_LINES = 50_000  # lines with text: a report has a few thousand
MAX_PDF_BYTES = 256 * 1024 * 1024
MAX_TABLES = 600
MAX_TABLE_ROWS = 10_000  # over all tables
MAX_CLAIMS = 5_000  # figures stated in the narrative
MAX_PARAGRAPH_CHARS = 4_000_000  # all narrative text


def check_document(doc: Document) -> None:
    """Raise AuditError when what was read is far beyond one report."""
    tables = doc.tables
    rows = sum(len(t.rows) for t in tables)
    chars = sum(len(p.text) for p in doc.paragraphs)
    for count, cap, what in ((len(tables), MAX_TABLES, "张表格"), (rows, MAX_TABLE_ROWS, "行表格"),
                             (chars, MAX_PARAGRAPH_CHARS, "个字的说明文字")):
        if count > cap:
            too_many(f"{count} {what}", f"{cap}", doc.path)


def check_claims(path: str, claims: int) -> None:
    if claims > MAX_CLAIMS:
        too_many(f"{claims} 个说明中的数字", f"{MAX_CLAIMS}", path)


def too_many(found: str, cap: str, path: str = "") -> NoReturn:
    raise AuditError(f"文件含 {found}，超过一份报告的上限（{cap}），不像是单独一份预决算报告，未审核"
                     + (f"：{path}" if path else ""))
