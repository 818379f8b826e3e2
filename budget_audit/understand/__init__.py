"""Understand a Document: which table is which, in canonical rows and columns."""

from __future__ import annotations

from collections import Counter

from budget_audit import deadline
from budget_audit.document import Document
from budget_audit.understand.catalog import Catalog
from budget_audit.understand.claims import extract, extract_counts
from budget_audit.understand.forms import read_forms
from budget_audit.understand.narrative import passages
from budget_audit.understand.meta import body_name, document_type, report_year
from budget_audit.understand.model import Report, ReportTable
from budget_audit.understand.tables import build, caption_text, find_unit


def understand(doc: Document, catalog: Catalog) -> Report:
    deadline.reached("识别表格")
    found = [(t, kind) for t in doc.tables if (kind := catalog.kind_of_title(caption_text(t)))]
    units = {id(t): find_unit(t) for t, _ in found}
    stated = Counter(u for u in units.values() if u)
    default_unit = stated.most_common(1)[0][0] if stated else "万元"
    tables: list[ReportTable] = [build(t, kind, units[id(t)], default_unit, catalog) for t, kind in found]
    deadline.reached("读取说明文字")
    narrative = passages(doc.paragraphs)
    return Report(
        path=doc.path,
        format=doc.format,
        sha256=doc.sha256,
        pages=doc.pages,
        document_type=document_type(doc, tables),
        year=report_year(doc, tables),
        body=body_name(doc),
        tables=tables,
        paragraphs=doc.paragraphs,
        unrecognised_tables=len(doc.tables) - len(found),
        claims=extract(narrative),
        counts=extract_counts(narrative),
        forms=read_forms(doc.blocks, tables),
        page_notes=doc.page_notes,
        problems=doc.problems,
        ocr_pages=doc.ocr_pages,
        ocr_seconds=doc.ocr_seconds,
    )
