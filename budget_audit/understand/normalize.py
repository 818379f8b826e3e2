"""Text normalisation for matching names, titles and headers."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_NUMBERING = re.compile(
    r"^\s*(?:"
    r"(?P<l1>[一二三四五六七八九十廿]+)\s*[、.．]"
    r"|[（(]\s*(?P<l2>[一二三四五六七八九十廿]+)\s*[）)]"
    r"|(?P<l3>\d{1,2})\s*[、.．](?!\d)"
    r"|[（(]\s*(?P<l4>\d{1,2})\s*[）)]"
    r")\s*"
)
_KEEP = re.compile(r"[\u4e00-\u9fff0-9A-Za-z]")
_CJK_SPACE = re.compile(r"(?<=[^\x00-\x7f])\s+|\s+(?=[^\x00-\x7f])")


def nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text)


def clean(text: str) -> str:
    """NFKC, no line breaks, no spaces next to CJK characters (justified or wrapped text)."""
    t = nfkc(text).replace("\n", " ")
    t = _CJK_SPACE.sub("", t)
    return re.sub(r"\s+", " ", t).strip()


def key(text: str) -> str:
    """A matching key: only CJK, digits and Latin letters survive (quotes, brackets gone)."""
    return _short_key(text) if len(text) <= 100 else _key(text)


@lru_cache(maxsize=1 << 14)  # labels are keyed again for every claim and check that reads them
def _short_key(text: str) -> str:
    return _key(text)


def _key(text: str) -> str:
    return "".join(_KEEP.findall(nfkc(text)))


def split_numbering(label: str) -> tuple[int, str]:
    """'（一）一般公共服务支出' → (2, '一般公共服务支出'); unnumbered labels give level 0.

    Levels: 一、 → 1, （一） → 2, 1. → 3, （1） → 4. Callers compress the levels a
    panel actually uses.
    """
    t = clean(label)
    m = _NUMBERING.match(t)
    if not m:
        return 0, t
    level = next(i for i, g in enumerate(("l1", "l2", "l3", "l4"), start=1) if m.group(g))
    return level, t[m.end():].strip()


def name_key(label: str) -> str:
    """Key of a row or subject name with its numbering removed."""
    return key(split_numbering(label)[1])
