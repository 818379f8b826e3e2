"""headcount: the staff actually employed do not exceed the authorised posts (实有 ≤ 编制),
in total and per category (行政/事业 …). A plausibility note, not a contradiction: 编外
staff or 参公 posts can explain it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from budget_audit.engine.checks.base import Instance
from budget_audit.engine.checks.sections import has_word, word_list
from budget_audit.engine.judge import Verdict
from budget_audit.engine.results import Evidence
from budget_audit.understand.catalog import Catalog
from budget_audit.understand.claims import Count
from budget_audit.yamlfile import Mapping

if TYPE_CHECKING:  # the context imports the rule pack, which imports the checks
    from budget_audit.engine.context import Context

KEYS = {"authorised", "actual", "exclude", "categories", "unit"}
REQUIRED = {"authorised", "actual", "categories"}


@dataclass(frozen=True)
class Spec:
    authorised: list[str]
    actual: list[str]
    exclude: list[str]
    categories: list[str]
    unit: str


def prepare(params: Mapping, catalog: Catalog) -> Spec:
    return Spec(word_list(params, "authorised"), word_list(params, "actual"),
                word_list(params, "exclude", required=False), word_list(params, "categories"),
                str(params.get("unit", "人")))


def run(spec: Spec, ctx: Context) -> Iterator[Instance]:
    counts = [c for c in ctx.report.counts if c.unit == spec.unit and not has_word(c.subject, spec.exclude)]
    posts = next((c for c in counts if has_word(c.subject, spec.authorised) and not has_word(c.subject, spec.actual)), None)
    staff = next((c for c in counts if has_word(c.subject, spec.actual)), None)
    if posts is None or staff is None:
        yield Instance("not_applicable", note="说明中没有同时写明编制数和实有人数")
        return
    yield _compare(posts, staff, "合计", spec)
    for word in spec.categories:
        a = next((p for p in posts.parts if word in p.subject), None)
        b = next((p for p in staff.parts if word in p.subject), None)
        if a is not None and b is not None:
            yield _compare(a, b, word, spec)


def _compare(posts: Count, staff: Count, what: str, spec: Spec) -> Instance:
    if staff.value <= posts.value:
        return Instance("pass")
    msg = (f"{'' if what == '合计' else what + '：'}实有“{staff.subject}”{staff.value}{spec.unit}，"
           f"多于编制“{posts.subject}”{posts.value}{spec.unit}")
    verdict = Verdict("fail", False, False, f"{staff.value}{spec.unit}", f"≤{posts.value}{spec.unit}",
                      str(staff.value - posts.value), spec.unit)
    return Instance("fail", msg, verdict, [_cite(staff), _cite(posts)])


def _cite(count: Count) -> Evidence:
    return Evidence(section=count.section or None, text=count.sentence, location=count.location, span=count.span)
