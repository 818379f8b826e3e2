"""科目 paths written in the narrative, with the level each name is given at.

Three ways of writing a 功能分类 subject are read:
- level marks: “一般公共服务支出（类）财政事务（款）行政运行（项）”, possibly with the code
  segment inside the mark: “卫生健康支出（210类）行政事业单位医疗（11款）行政单位医疗（01项）”;
- a dashed path: “一般公共服务支出-财政事务-行政运行”科目;
- a 7-digit code followed by its name: “2080505机关事业单位基本养老保险缴费支出”.

Only what is written is recorded here; comparing it with the tables is the checks' job.
Texts arrive NFKC-normalised (full-width brackets are half-width).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

LEVELS = ("类", "款", "项")
_MARK = re.compile(r"\((?P<code>\d{2,3})?(?P<level>类|款|项)\)")
_BREAK = re.compile(r"[。;,:、“”\"!?\s]|反映|包括|用于")  # what no subject name contains
_NUMBERING = re.compile(r"^(?:\d{1,2}[、.]|\(?[一二三四五六七八九十\d]+\)|[一二三四五六七八九十]+、)")
_MAX_NAME = 30
_DASHED = re.compile(r"“(?P<path>[^“”\-]+(?:-[^“”\-]+){1,2})”|(?<![^\s,;:。、“])(?P<bare>[^\s,;:。、“”\-]+(?:-[^\s,;:。、“”\-]+){1,2})科目")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_CODED = re.compile(r"(?<![\d.])(?P<code>2\d{6})(?![\d.])\s*(?P<name>[\u4e00-\u9fff][^\s\d,;:。、“”\"]*)")


@dataclass(frozen=True)
class Level:
    """One name of a path: the level it is written at, the code segment written with it."""

    level: int  # 0 类, 1 款, 2 项
    name: str  # as written (NFKC)
    span: tuple[int, int]  # of the name in the text
    code: str = ""  # “210” in “（210类）”, “11” in “（11款）”
    loose: str = ""  # "front" or "back": the name may carry free text on that side


@dataclass(frozen=True)
class WrittenPath:
    levels: tuple[Level, ...]  # shallowest first, strictly deeper each step
    span: tuple[int, int]  # of the whole path
    code: str = ""  # the full code written with the path (7 digits, or joined segments)


def written_paths(text: str) -> list[WrittenPath]:
    """Every 科目 path written in a text, in order."""
    found = _marked(text) + _dashed(text) + _coded(text)
    return sorted(found, key=lambda p: p.span)


def _marked(text: str) -> list[WrittenPath]:
    paths: list[WrittenPath] = []
    run: list[Level] = []
    previous_end = -1
    for m in _MARK.finditer(text):
        level = LEVELS.index(m.group("level"))
        joined = previous_end >= 0 and m.start() > previous_end and not _BREAK.search(text[previous_end:m.start()]) \
            and m.start() - previous_end <= _MAX_NAME and run and level > run[-1].level
        if not joined:
            if run:
                paths.append(_path(run, previous_end))
            run = []
            start = _name_start(text, m.start())
            if start is None:
                previous_end = m.end()
                continue
            run.append(Level(level, text[start:m.start()], (start, m.start()), m.group("code") or "", "front"))
        else:
            run.append(Level(level, text[previous_end:m.start()], (previous_end, m.start()), m.group("code") or ""))
        previous_end = m.end()
    if run:
        paths.append(_path(run, previous_end))
    return paths


def _name_start(text: str, end: int) -> int | None:
    """Where the name ending at `end` begins: after the last break, numbering or mark."""
    start = max(0, end - _MAX_NAME)
    for m in list(_BREAK.finditer(text, start, end)) + list(_MARK.finditer(text, start, end)):
        start = max(start, m.end())
    numbering = _NUMBERING.match(text, start)
    if numbering and numbering.end() < end:
        start = numbering.end()
    return start if end - start >= 2 else None


def _path(run: list[Level], end: int) -> WrittenPath:
    code = "".join(lv.code for lv in run) if run[0].level == 0 and all(lv.code for lv in run) else ""
    return WrittenPath(tuple(run), (run[0].span[0], end), code)


def _dashed(text: str) -> list[WrittenPath]:
    out = []
    for m in _DASHED.finditer(text):
        group = "path" if m.group("path") else "bare"
        if not all(_CJK.search(name) for name in m.group(group).split("-")):
            continue  # “2024-2025” is no path
        pos, levels = m.start(group), []
        for i, name in enumerate(m.group(group).split("-")):
            levels.append(Level(i, name, (pos, pos + len(name)), loose="front" if i == 0 else ""))
            pos += len(name) + 1
        out.append(WrittenPath(tuple(levels), m.span(group)))
    return out


def _coded(text: str) -> list[WrittenPath]:
    """“2080505机关事业单位…”: the name is the 项 of that code (followed by free text)."""
    return [WrittenPath((Level(2, m.group("name"), m.span("name"), loose="back"),), m.span(), m.group("code"))
            for m in _CODED.finditer(text)]
