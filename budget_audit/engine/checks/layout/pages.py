"""Shared by the layout checks: where the body starts (after the 目录) and how a page or a
paragraph is cited."""

from __future__ import annotations

from budget_audit.document import Location
from budget_audit.understand.model import Report
from budget_audit.understand.normalize import key


def body_start(report: Report) -> int:
    """The first page after the 目录 (after the cover when there is none)."""
    toc = next((p.location.page for p in report.paragraphs if key(p.text) == "目录" and p.location.page), None)
    return (toc or 1) + 1


def page_location(page: int) -> Location:
    return Location(page=page)
