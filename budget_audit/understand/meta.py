"""Document facts: budget or final accounts, the report year, the reporting body."""

from __future__ import annotations

import re
from collections import Counter

from budget_audit.document import Document
from budget_audit.understand.model import ReportTable
from budget_audit.understand.normalize import clean

_YEAR = re.compile(r"(20\d{2})\s*年")
_BODY_LABEL = re.compile(r"(?:预算主管部门|主管部门|预算单位|部门名称|单位名称|编制部门|编制单位)\s*[:：]\s*(\S+?)(?:单位\s*[:：].*)?$")
_BODY_BEFORE_YEAR = re.compile(r"^(\S{4,40}?)\s*20\d{2}\s*年")
_PART = re.compile(r"^第[一二三四五六七八九十]+部分\s*")


def document_type(doc: Document, tables: list[ReportTable]) -> str:
    kinds = Counter(t.kind.document for t in tables)
    if kinds["final_accounts"] != kinds["budget"]:
        return "final_accounts" if kinds["final_accounts"] > kinds["budget"] else "budget"
    head = " ".join(p.text for p in doc.paragraphs[:10])
    return "final_accounts" if head.count("决算") > head.count("预算") else "budget"


def report_year(doc: Document, tables: list[ReportTable]) -> int | None:
    """The year most table titles carry; else the first year on the cover."""
    years = Counter(int(m) for t in tables for m in _YEAR.findall(t.title))
    if years:
        return years.most_common(1)[0][0]
    for p in doc.paragraphs[:5]:
        m = _YEAR.search(clean(p.text))
        if m:
            return int(m.group(1))
    return None


def body_name(doc: Document) -> str | None:
    """The reporting body: a 预算主管部门：… line if the cover has one, else the words before the year."""
    # a short cover may sit right above the first table and be read as its caption
    first = doc.tables[0].caption if doc.tables else []
    head = [_PART.sub("", clean(p.text)) for p in [*doc.paragraphs[:8], *first]]
    for pattern in (_BODY_LABEL, _BODY_BEFORE_YEAR):
        for text in head:
            m = pattern.search(text)
            if m:
                return m.group(1)
    return None
