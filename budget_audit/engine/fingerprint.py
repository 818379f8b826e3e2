"""A finding's fingerprint: the one place that says which findings are "the same".

Waivers and baselines match findings by it, the HTML report anchors on it. It hashes what the
finding is about — rule, table or section, row and column labels, the quoted words, the figures
and the message — and never where it is printed (page, line, bounding box, file path), so a
re-typeset report or a new page break keeps every fingerprint.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from budget_audit.engine.results import Evidence, Finding

LENGTH = 16  # hex digits: 64 bits, no collision in any plausible batch
_PLACE = re.compile(r"第\s*\d+\s*[页行栏]")  # messages may cite the line or page of a place
_WINDOW = 12  # characters either side of a quoted figure: the sentence may be cut differently


def fingerprint(finding: Finding) -> str:
    parts = [finding.rule, _norm(_PLACE.sub("", finding.message)),
             *(_norm(v or "") for v in (finding.stated, finding.expected, finding.difference, finding.unit))]
    for e in finding.evidence:
        parts.extend(_norm(v or "") for v in (e.table, e.row, e.column, e.section, _quoted(e)))
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:LENGTH]


def _quoted(e: Evidence) -> str:
    """The words around the cited figure (the whole text when no figure is marked)."""
    text = e.text or ""
    if e.span is None:
        return text
    start, end = e.span
    return text[max(0, start - _WINDOW):end + _WINDOW]


def _norm(text: str) -> str:
    """Same words, whatever the width of the characters or the line breaks."""
    return "".join(unicodedata.normalize("NFKC", text).split())
