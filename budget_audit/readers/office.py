"""Office files: a .xlsx workbook or a .docx document, told apart by the parts inside the zip."""

from __future__ import annotations

import zipfile
from pathlib import Path

from budget_audit.document import Document
from budget_audit.errors import AuditError

_OLD = ("旧版 Office 二进制文件（.xls/.doc）或加密的 Office 文件，无法读取；"
        "请在 Excel/WPS 中另存为 .xlsx（Word 文档另存为 .docx），并取消密码保护")


def read_office(path: Path, head: bytes) -> Document:
    if not head.startswith(b"PK"):
        raise AuditError(f"{_OLD}：{path}")
    try:
        with zipfile.ZipFile(path) as z:
            names = set(z.namelist())
    except zipfile.BadZipFile as e:
        raise AuditError(f"文件已损坏（ZIP 结构无法读取）：{path}") from e
    if "xl/workbook.xml" in names:
        from budget_audit.readers.xlsx import read_xlsx

        return read_xlsx(path)
    if "word/document.xml" in names:
        from budget_audit.readers.docx import read_docx

        return read_docx(path)
    raise AuditError(f"ZIP 文件，但不是 Excel 工作簿（.xlsx）或 Word 文档（.docx）：{path}")
