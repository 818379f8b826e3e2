"""Small helpers shared by the readers."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

# a note under a table: 注：… / 备注 / 说明1 …
NOTE = re.compile(r"^\s*(注|备注|说明)\s*[:：0-9一二三四五六七八九十]")


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


_CAPTION_LINES = 4
_CAPTION_MAX_CHARS = 60


def caption_count(texts: list[str]) -> int:
    """How many of the short lines at the end of texts (the ones right above a table) are its
    caption (title, unit line, 编制单位): at most four, none long or ending a sentence."""
    n = 0
    while n < min(len(texts), _CAPTION_LINES):
        text = texts[-1 - n].strip()
        if len(text) > _CAPTION_MAX_CHARS or text.endswith("。"):
            break
        n += 1
    return n
