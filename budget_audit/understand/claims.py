"""Numeric claims made in the narrative: amounts with their subject, and what is said of them.

A sentence is read as a run of items. An item is a subject followed by an amount
("基本支出120.50万元"); what follows it in the same clause qualifies it: a share
("占40.25%"), a change ("比上年预算增加10.00万元，增长9.05%"; "与上年持平"), or a
completion rate ("完成年初预算的97.50%"). Items after "其中" are parts of the item before it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from budget_audit import deadline
from budget_audit.document import Location
from budget_audit.numbers import Amount
from budget_audit.understand.narrative import Passage
from budget_audit.understand.normalize import key

_FIGURE = re.compile(
    r"(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*"
    r"(?:(?P<unit>亿元|万元|元|万)(?![人户个平台辆])|(?P<pct>[%％]))"
    r"(?!元?\(?含?\)?以[上下])"  # “单价100万元（含）以上” is a threshold, not a claim
)
_BARE_PERCENT = re.compile(r"(?P<num>\d+(?:\.\d+)?)(?=[。;,]|$)")
_RISE, _FALL = ("增加", "增长", "上升", "提高"), ("减少", "下降", "降低", "减")
_CHANGE_WORDS = _RISE + _FALL
_CLAUSE_END = ",;:、。"  # passages are NFKC-normalised: ，；： arrive half-width
_FILLER = re.compile(r"^(?:其中|包括|另|及|和|与|合计|总计|共计|主要用于以下方面)+")
_TRAILING = re.compile(r"(?:为|是|共|总额|安排|共计|达)+$")
_YEAR = re.compile(r"20\d{2}\s*年(?:度)?")
_RESTATES_TOTAL = re.compile(r"(合计|共计|总计)(为)?")
_INTRODUCES_PARTS = re.compile(r"其中|主要包括|包括:|主要用于以下方面")
_DASHED = re.compile(r"([^-]+(?:-[^-]+){1,2})科目")
_LEVEL_MARK = re.compile(r"\(\d{0,3}(类|款|项)\)")  # “(210类)” carries its code segment
_NUMBERING = re.compile(r"^\s*(?:\d{1,2}\s*[、.]|\(?[一二三四五六七八九十]+[)、])")


@dataclass(frozen=True)
class Percent:
    value: Decimal
    decimals: int
    raw: str
    has_sign: bool = True


@dataclass
class Change:
    direction: str  # 增加 | 减少 | 持平 | 新增
    delta: Amount | None = None
    percent: Percent | None = None
    word: str = ""  # the direction word as printed
    against: str = ""  # what it compares with: 上年预算, 2023年预算执行数 …
    base: Claim | None = None  # the compared figure when the sentence states it (执行数 …)


@dataclass
class Claim:
    """An amount stated in a sentence, with what the sentence says about it."""

    subject: str
    amount: Amount
    sentence: str
    span: tuple[int, int]  # the amount's position in the sentence
    location: Location
    headings: tuple[str, ...]
    topic: str = ""  # the 类/款/项 path the paragraph is about, if any
    whole: Claim | None = None  # the item this one is a part of (其中 …)
    share: Percent | None = None
    share_of: str = ""  # the whole a share names (“占本年支出合计的…”)
    change: Change | None = None
    completion: Percent | None = None
    budget: Claim | None = None  # 年初预算 the completion rate is computed on
    parts: list[Claim] = field(default_factory=list)
    origin: tuple[Passage, int] | None = None  # its passage and the sentence's offset there

    @property
    def section(self) -> str:
        return self.headings[-1] if self.headings else ""

    @property
    def paragraph_location(self) -> Location:
        """Where its paragraph is printed: the claims of one passage share it (its own
        location is its figure's)."""
        return self.origin[0].paragraph.location if self.origin else self.location

    def locate(self, span: tuple[int, int]) -> Location:
        """Where a stretch of the sentence (a figure) is printed."""
        if self.origin is None:
            return self.location
        passage, offset = self.origin
        return passage.locate(offset + span[0], offset + span[1])


@dataclass
class Count:
    """A head count or item count (编制54人; 车辆8辆) with the counts listed under it."""

    subject: str
    value: int
    unit: str
    sentence: str
    span: tuple[int, int]
    location: Location
    headings: tuple[str, ...]
    parts: list[Count] = field(default_factory=list)

    @property
    def section(self) -> str:
        return self.headings[-1] if self.headings else ""


_COUNT = re.compile(r"(?P<num>\d+)\s*(?P<unit>人(?![民次均])|辆|个|家|台\(套\)|台)")


def extract_counts(passages: list[Passage]) -> list[Count]:
    """Counts and their 其中 lists; a part has the unit of its whole."""
    out: list[Count] = []
    for passage in passages:
        previous: Count | None = None
        for offset, sentence in passage.sentences:
            whole = previous if _INTRODUCES_PARTS.match(sentence.lstrip()) else None
            for m in _COUNT.finditer(sentence):
                clause = _clause(sentence, m.start())
                count = Count(subject_of(clause), int(m.group("num")), m.group("unit"), sentence,
                              (m.start(), m.end()), passage.locate(offset + m.start(), offset + m.end()),
                              passage.headings)
                if whole is not None and count.unit == whole.unit:
                    whole.parts.append(count)
                    continue
                out.append(count)
                if _INTRODUCES_PARTS.search(sentence[m.end():m.end() + 6]):
                    whole = count
            previous = out[-1] if out else None
    return out


def extract(passages: list[Passage]) -> list[Claim]:
    claims: list[Claim] = []
    for passage in passages:
        claims.extend(_passage_claims(passage))
    return claims


def _passage_claims(passage: Passage) -> list[Claim]:
    out: list[Claim] = []
    topic = path_of(passage.text[:120]) if _NUMBERING.match(passage.text) else ""
    previous_first: Claim | None = None
    for offset, sentence in passage.sentences:
        items = _sentence_items(sentence, passage, topic, out[-1] if out else None)
        for item in items:  # each figure is located where it is printed, not at its paragraph
            item.origin = (passage, offset)
            item.location = item.locate(item.span)
        if items and _INTRODUCES_PARTS.match(sentence.lstrip()) and previous_first is not None:
            for item in items:
                if item.whole is None:
                    _attach(item, previous_first)
        out.extend(items)
        if items:
            previous_first = items[0]
    return out


def _sentence_items(sentence: str, passage: Passage, topic: str, previous: Claim | None) -> list[Claim]:
    """Items of one sentence. Qualifiers attach to the last item; before the first item of
    the sentence that is `previous`, the item a sentence like “与2023年度相比，收入支出总计
    减少56.95万元，下降1.87%” speaks about."""
    items: list[Claim] = []
    whole: Claim | None = None  # the item a 其中 list belongs to
    last = previous if _opens_with_change(sentence, previous) else None
    start = 0
    for m in _tokens(sentence):
        deadline.check()  # a run-on paragraph can hold thousands of figures
        before = sentence[start:m.start()]
        clause = _clause(sentence, m.start())
        if m.groupdict().get("pct") or m.groupdict().get("unit") is None:
            if last is not None:
                _qualify_percent(last, items, clause, m)
        elif any(w in clause for w in _CHANGE_WORDS) and _is_delta(clause):
            if last is not None:  # a change with no figure before it says nothing checkable
                last.change = _change_of(clause, m)
        else:
            item = _item(sentence, m, passage, topic)
            if _INTRODUCES_PARTS.search(before) or _INTRODUCES_PARTS.search(clause):
                whole = whole or (items[-1] if items else None)
            restated = _RESTATES_TOTAL.fullmatch(clause.strip()) is not None  # “…，合计1410.00万”
            if whole is not None and not restated and not (item.subject and _sibling_of(whole, sentence, m.start())):
                _attach(item, whole)
            items.append(item)
            last = item
        start = m.end()
        _mark_flat(last, sentence, m.end())
    return items


def _opens_with_change(sentence: str, previous: Claim | None) -> bool:
    """“与2023年度相比，收入支出总计减少…” continues a sentence about 收入支出总计."""
    if previous is None or not re.match(r"^(与|比|较)", sentence.strip()):
        return False
    first = _FIGURE.search(sentence)
    clause = _clause(sentence, first.start()) if first else ""
    words = key(re.split("|".join(_CHANGE_WORDS), clause)[0])
    return not words or key(previous.subject).endswith(words) or words.endswith(key(previous.subject))


def _tokens(sentence: str) -> list[re.Match[str]]:
    """Amounts and percents; a bare number after 增长/下降/占/完成 is a percent missing its %."""
    found = list(_FIGURE.finditer(sentence))
    taken = {(m.start(), m.end()) for m in found}
    for word in ("增长", "下降", "占", "的"):
        for w in re.finditer(word, sentence):
            m = _BARE_PERCENT.match(sentence, w.end())
            if m and (m.start(), m.end()) not in taken and not any(a <= m.start() < b for a, b in taken):
                if word != "的" or "完成" in _clause(sentence, m.start()) or "占" in _clause(sentence, m.start()):
                    found.append(m)
    return sorted(found, key=lambda m: m.start())


def _clause(sentence: str, pos: int) -> str:
    """The clause (between ，；： marks) that ends at pos."""
    start = max(sentence.rfind(ch, 0, pos) for ch in _CLAUSE_END) + 1
    return sentence[start:pos]


def _is_delta(clause: str) -> bool:
    """“比2023年预算增加” qualifies the item before; “增加的项目经费” would be a subject."""
    return bool(re.search(r"(比|较|与|同比|相比|增加|减少)", clause))


def _item(sentence: str, m: re.Match[str], passage: Passage, topic: str) -> Claim:
    clause = _clause(sentence, m.start())
    unit = m.group("unit")
    unit = "万元" if unit == "万" else unit
    raw = m.group("num")
    plain = raw.replace(",", "")
    amount = Amount(Decimal(plain), len(plain.split(".")[1]) if "." in plain else 0, unit, m.group(0))
    return Claim(subject=subject_of(clause), amount=amount, sentence=sentence, span=(m.start(), m.end()),
                 location=passage.paragraph.location, headings=passage.headings, topic=topic)


def subject_of(clause: str) -> str:
    """The words naming a figure: '2024年一般公共预算拨款收入' → '一般公共预算拨款收入'."""
    t = _NUMBERING.sub("", clause)
    t = _YEAR.sub("", t)
    t = t.replace("“", "").replace("”", "").strip()
    t = _FILLER.sub("", t)
    return _TRAILING.sub("", t).strip()


def path_of(text: str) -> str:
    """'一般公共服务支出（类）财政事务（款）行政运行（项）' → '一般公共服务支出/财政事务/行政运行'.

    Names may hold brackets of their own (政府办公厅（室）及相关机构事务), so split on the
    level markers rather than matching names."""
    text = _NUMBERING.sub("", text).replace("“", "").replace("”", "")
    pieces = _LEVEL_MARK.split(text)
    if len(pieces) < 3:
        return _dashed_path(text)
    names = [key(pieces[i]) for i in range(0, len(pieces) - 1, 2)]
    return "/".join(n for n in names if n)


def _dashed_path(text: str) -> str:
    """'一般公共服务支出-政府办公厅(室)及相关机构事务-行政运行科目' → the same path."""
    m = _DASHED.fullmatch(text.strip())
    return "/".join(key(p) for p in m.group(1).split("-")) if m else ""


def _qualify_percent(item: Claim, items: list[Claim], clause: str, m: re.Match[str]) -> None:
    raw = m.group("num")
    percent = Percent(Decimal(raw), len(raw.split(".")[1]) if "." in raw else 0, m.group(0),
                      has_sign=bool(m.groupdict().get("pct")))
    earlier = (c for c in reversed(items) if c is not item)  # lazily: a run-on paragraph has thousands
    if "完成" in clause:
        item.completion = percent
        item.budget = next((c for c in earlier if "预算" in c.subject), None)
    elif "占" in clause:
        item.share = percent
        named = re.search(r"占(.+?)的", clause)
        item.share_of = key(named.group(1)) if named else ""
    elif any(w in clause for w in _CHANGE_WORDS):
        direction = "减少" if any(w in clause for w in _FALL) else "增加"
        if item.change is None:
            item.change = Change(direction, word=_word(clause), against=_against(clause) or _against(item.sentence))
            if "执行" in item.change.against:  # 比2023年预算执行数增加8.57%: the 执行数 stated before
                item.change.base = next((c for c in earlier if "执行" in c.subject), None)
        item.change.percent = percent
        if item.change.direction != direction and item.change.delta is not None:
            item.change.word += "/" + _word(clause)


def _change_of(clause: str, m: re.Match[str]) -> Change:
    raw = m.group("num").replace(",", "")
    unit = "万元" if m.group("unit") == "万" else m.group("unit")
    delta = Amount(Decimal(raw), len(raw.split(".")[1]) if "." in raw else 0, unit, m.group(0))
    direction = "减少" if any(w in clause for w in _FALL) else "增加"
    return Change(direction, delta=delta, word=_word(clause), against=_against(clause))


def _word(clause: str) -> str:
    return next((w for w in _CHANGE_WORDS if w in clause), "")


def _against(text: str) -> str:
    m = re.search(r"(?:比|较|与)(20\d{2}\s*年(?:度)?|上年|上一年度?)([^,;。增减持下上]*)", text)
    return (m.group(1) + m.group(2)).strip() if m else ""


def _mark_flat(item: Claim | None, sentence: str, pos: int) -> None:
    """“与2023年预算持平” right after an item: no change."""
    if item is None or item.change is not None:
        return
    nxt = sentence[pos:pos + 24]
    clause = nxt.split(";")[0].split("。")[0]
    if "持平" in clause and not re.search(r"\d", _YEAR.sub("", clause.split("持平")[0])):  # “比2024年预算持平”
        item.change = Change("持平", word="持平", against=_against(clause))


def _sibling_of(whole: Claim, sentence: str, pos: int) -> bool:
    """After a 其中 list, an item with its own share sits beside the whole, not inside it."""
    rest = sentence[pos:pos + 30]
    return whole.share is not None and "占" in rest.split(";")[0] and ";" in sentence[whole.span[1]:pos]


def _attach(item: Claim, whole: Claim) -> None:
    item.whole = whole
    whole.parts.append(item)
