"""Item-level triangulation: the places that state one subject's figure, judged together.

An item of the 编制说明 / 情况说明 states one subject several times: a headline amount
(“住房公积金（项）33.58万元”), the figure again (“2024年预算安排33.58万元”, “支出决算为…”),
a prior figure (“执行数…”, “年初预算为…”) with a change or completion rate, and the table
prints the figure too. When they disagree, one wrong figure should give one finding that
names it, not a finding for every pair it spoils. Each printing of the figure is one vote;
the rate votes for the candidate it fits (tested against the prior figure) unless that is the
figure its own sentence computed it from; the largest group wins and the printings outside it
are the odd ones. Equal votes: no majority, and the candidates are listed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from budget_audit.engine.binding import Binding
from budget_audit.engine.checks.claims import percent_interval, ratio
from budget_audit.engine.judge import interval
from budget_audit.engine.selectors import Operand
from budget_audit.numbers import Interval
from budget_audit.understand.claims import Claim, Percent, path_of
from budget_audit.understand.normalize import key

HALF_CENT = Decimal("0.005")  # 万元: a narrative in 万元 may round a table in 元 either way
_RESTATING = ("预算", "预算安排", "安排", "支出决算", "决算", "决算数", "预算数")


@dataclass
class Source:
    """One printing of the item's figure."""

    label: str  # 条目金额 | 预算安排 | 支出决算 | 表中数 …
    value: Interval
    claim: Claim | None = None
    operand: Operand | None = None

    @property
    def shown(self) -> Decimal:
        """The printed value in 万元."""
        if self.claim is not None:
            return self.claim.amount.wan
        return self.operand.amount.wan if self.operand and self.operand.amount else Decimal(0)


@dataclass
class Item:
    sources: list[Source]
    holder: Claim  # the claim the rate and the prior figure belong to (or the headline)
    prior: Claim | None = None
    rate: Percent | None = None
    rate_kind: str = ""  # change | completion
    claims: list[Claim] = field(default_factory=list)
    prior_sources: list[Source] = field(default_factory=list)  # the prior figure and its table figure

    def fits(self, value: Interval, base: Interval | None = None) -> bool:
        """Does the stated rate follow from this candidate figure and the prior figure?"""
        if self.prior is None or self.rate is None:
            return False
        base = base or self.prior.amount.interval
        if self.rate_kind == "completion":
            computed = ratio(value, base)
        else:
            change = self.holder.change
            assert change is not None
            delta = value - base if change.direction == "增加" else base - value
            if delta.hi < 0:
                return False
            computed = ratio(Interval(max(delta.lo, Decimal(0)), delta.hi), base)
        return computed is not None and computed.meets(percent_interval(self.rate))

    @property
    def rate_text(self) -> str:
        if self.rate is None:
            return ""
        if self.rate_kind == "completion":
            return f"完成率{self.rate.raw}"
        return f"{self.holder.change.word if self.holder.change else ''}{self.rate.raw}"


def widened(c: Claim) -> Interval:
    i = c.amount.interval
    return Interval(i.lo - HALF_CENT, i.hi + HALF_CENT)


def clusters(sources: list[Source]) -> list[list[Source]]:
    """The printings grouped by the value they state (within rounding)."""
    out: list[list[Source]] = []
    for s in sources:
        home = next((g for g in out if all(s.value.meets(o.value) for o in g)), None)
        if home is None:
            out.append([s])
        else:
            home.append(s)
    return out


def build_items(bindings: list[Binding]) -> list[Item]:
    """One item per numbered 科目 paragraph, and one per sentence that states a figure with
    the prior figure and rate it is compared with."""
    bound = {id(b.claim): b.operand for b in bindings if b.operand is not None and b.operand.table is not None}
    groups: dict[tuple, list[Claim]] = {}
    for b in bindings:
        c = b.claim
        k = ("topic", c.topic, c.paragraph_location, c.headings) if c.topic else ("sentence", id(c))
        groups.setdefault(k, []).append(c)
    items = [_item(claims, bound) for claims in groups.values()]
    return [i for i in items if i is not None]


def _item(claims: list[Claim], bound: dict[int, Operand]) -> Item | None:
    holder = next((c for c in claims if _prior_of(c) is not None), None)
    headline = next((c for c in claims if c is not holder and c is not _prior_of(holder)
                     and path_of(c.subject)), None) if claims[0].topic else None
    if holder is None and headline is None:
        return None
    restated = holder or next((c for c in claims if c is not headline and key(c.subject) in _RESTATING), None)
    sources: list[Source] = []
    if headline is not None:
        sources.append(Source("条目金额", widened(headline), claim=headline))
    if restated is not None and restated is not headline:
        sources.append(Source(_label(restated), widened(restated), claim=restated))
    op = next((bound[id(c)] for c in (headline, restated) if c is not None and id(c) in bound), None)
    if op is not None and op.amount is not None:
        sources.append(Source("表中数", interval(op), operand=op))
    prior = _prior_of(holder) if holder else None
    item = Item(sources, holder or headline, prior)  # type: ignore[arg-type]
    if holder is not None:
        item.rate, item.rate_kind = (holder.completion, "completion") if holder.completion else \
            (holder.change.percent if holder.change else None, "change")
    item.claims = [c for c in (headline, restated, prior) if c is not None]
    prior_op = bound.get(id(prior)) if prior is not None else None
    if prior is not None and prior_op is not None and prior_op.amount is not None:
        item.prior_sources = [Source(_label(prior), widened(prior), claim=prior),
                              Source("表中数", interval(prior_op), operand=prior_op)]
    return item


def _prior_of(c: Claim | None) -> Claim | None:
    if c is None:
        return None
    if c.completion is not None and c.budget is not None:
        return c.budget
    if c.change is not None and c.change.percent is not None and c.change.base is not None:
        return c.change.base
    return None


def _label(c: Claim) -> str:
    subject = key(c.subject)
    if "执行" in subject or "年初" in subject or "上年" in subject:
        return f"“{c.subject}”"
    if "决算" in subject:
        return "支出决算"
    return "预算安排" if subject.startswith("预算") or subject.endswith("安排") else f"“{c.subject}”"


@dataclass
class Judgement:
    item: Item
    groups: list[list[Source]]
    votes: list[int]
    rate_fits: list[bool]
    about_prior: bool = False  # judges the prior figure (年初预算, 执行数) rather than the item's

    @property
    def disagree(self) -> bool:
        return len(self.groups) > 1

    @property
    def majority(self) -> list[Source] | None:
        best = max(self.votes)
        if self.votes.count(best) > 1 or len(self.groups) > 2:
            return None
        return self.groups[self.votes.index(best)]


def judge(item: Item) -> Judgement:
    """Each printing is a vote; the rate votes for the one candidate it fits, unless that is the
    figure of its own sentence: a rate computed from a figure is no evidence that the figure is
    right, but a rate that fits another printing and not its own sentence's figure is."""
    groups = clusters(item.sources)
    fits = [item.fits(_hull(g)) for g in groups]
    return Judgement(item, groups, _votes(groups, fits, item.holder), fits)


def judge_prior(item: Item) -> Judgement | None:
    """The prior figure printed in the sentence and in a table: the rate, computed with the
    item's figure, votes for the one it fits."""
    if len(item.prior_sources) < 2:
        return None
    groups = clusters(item.prior_sources)
    current = next((s.value for s in item.sources if s.operand is not None), None) or widened(item.holder)
    fits = [item.fits(current, base=_hull(g)) for g in groups]
    return Judgement(item, groups, _votes(groups, fits, item.prior), fits, about_prior=True)


def _votes(groups: list[list[Source]], fits: list[bool], own: Claim | None) -> list[int]:
    rate_votes = [1 if f and fits.count(True) == 1 and not any(s.claim is own for s in g) else 0
                  for f, g in zip(fits, groups)]
    return [len(g) + r for g, r in zip(groups, rate_votes)]


def _hull(group: list[Source]) -> Interval:
    """The values every member allows (members meet pairwise)."""
    return Interval(max(s.value.lo for s in group), min(s.value.hi for s in group))


def owned(items: list[Item]) -> set[int]:
    """The claims whose figures the item check judges instead of T01/P04/D05: those of an
    item whose printings disagree and that has a third voice (a third printing or a rate)."""
    out: set[int] = set()
    for item in items:
        j, p = judge(item), judge_prior(item)
        if j.disagree and (len(item.sources) >= 3 or item.rate is not None and item.prior is not None) \
                or p is not None and p.disagree and item.rate is not None:
            out.update(id(c) for c in item.claims)
    return out
