"""The labels Word prints in front of auto-numbered paragraphs (一、 （二） 3.).

Word keeps them out of the paragraph's text, in the numbering part; a heading numbered
this way reads "部门职责" where the page shows "一、部门职责". Counters run per abstract
list and restart the deeper levels, as Word does; bullets print no label.
"""

from __future__ import annotations

from typing import Any

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_CN = "零一二三四五六七八九"


class Numbering:
    """Counts the numbered paragraphs of one document, in reading order."""

    def __init__(self, numbering_element: Any | None) -> None:
        self._levels: dict[str, dict[int, tuple[int, str, str]]] = {}  # numId → ilvl → (start, fmt, text)
        self._abstract: dict[str, str] = {}  # numId → abstractNumId
        self._counters: dict[str, dict[int, int]] = {}
        if numbering_element is not None:
            self._load(numbering_element)

    def _load(self, root: Any) -> None:
        abstract = {a.get(f"{_W}abstractNumId"): _levels(a) for a in root.iter(f"{_W}abstractNum")}
        for num in root.iter(f"{_W}num"):
            ref = num.find(f"{_W}abstractNumId")
            if ref is not None and ref.get(f"{_W}val") in abstract:
                self._abstract[num.get(f"{_W}numId")] = ref.get(f"{_W}val")
                self._levels[num.get(f"{_W}numId")] = abstract[ref.get(f"{_W}val")]

    def label(self, num_id: str | None, ilvl: int) -> str:
        """The next label of list num_id at level ilvl ('' for bullets and unknown lists)."""
        levels = self._levels.get(num_id or "")
        if not levels or ilvl not in levels:
            return ""
        counters = self._counters.setdefault(self._abstract[num_id or ""], {})
        counters[ilvl] = counters.get(ilvl, levels[ilvl][0] - 1) + 1
        for deeper in [k for k in counters if k > ilvl]:
            del counters[deeper]
        start, fmt, text = levels[ilvl]
        if fmt in ("bullet", "none"):
            return ""
        for k in range(ilvl + 1):
            value = counters.get(k, levels.get(k, (1, "", ""))[0])
            text = text.replace(f"%{k + 1}", _format(value, levels.get(k, (1, fmt, ""))[1]))
        return text


def _levels(abstract: Any) -> dict[int, tuple[int, str, str]]:
    out = {}
    for lvl in abstract.iter(f"{_W}lvl"):
        start, fmt, text = lvl.find(f"{_W}start"), lvl.find(f"{_W}numFmt"), lvl.find(f"{_W}lvlText")
        out[int(lvl.get(f"{_W}ilvl", "0"))] = (
            int(start.get(f"{_W}val", "1")) if start is not None else 1,
            fmt.get(f"{_W}val", "decimal") if fmt is not None else "decimal",
            text.get(f"{_W}val", "") if text is not None else "")
    return out


def _format(n: int, fmt: str) -> str:
    if fmt.startswith(("chineseCounting", "ideograph", "japaneseCounting", "taiwaneseCounting")):
        return _chinese(n)
    if fmt == "decimalFullWidth":
        return "".join(chr(ord(d) + 0xFEE0) for d in str(n))
    if fmt == "decimalEnclosedCircle" and 1 <= n <= 20:
        return chr(0x2460 + n - 1)
    if fmt in ("upperLetter", "lowerLetter") and n >= 1:
        letter = chr(ord("A") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return letter if fmt == "upperLetter" else letter.lower()
    return str(n)


def _chinese(n: int) -> str:
    """一 … 十, 十一 … 九十九 (report outlines never count further)."""
    if not 0 < n < 100:
        return str(n)
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else _CN[tens] + "十")
    return head + (_CN[ones] if ones else "")
