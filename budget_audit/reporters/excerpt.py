"""Quote a sentence in a report without quoting a whole book: a window around the figure.

A "sentence" with no full stop can be a whole run-on paragraph; quoting it in full for each of
its figures makes the output grow with the square of the input.
"""

from __future__ import annotations

MAX_QUOTE = 400  # a sentence this long or shorter is quoted whole (the usual case)
_AROUND = 120


def excerpt(text: str, span: tuple[int, int] | None = None) -> tuple[str, tuple[int, int] | None]:
    """The text, or "…" + a window around span + "…", with span moved to match."""
    if len(text) <= MAX_QUOTE:
        return text, span
    if span is None:
        return text[:MAX_QUOTE] + "…", None
    start, end = max(0, span[0] - _AROUND), min(len(text), span[1] + _AROUND)
    head = "…" if start else ""
    return head + text[start:end] + ("…" if end < len(text) else ""), (span[0] - start + len(head), span[1] - start + len(head))
