"""The narrative checks: claims found, bound in the right scope, and every checked figure
caught when it is altered."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path

import pytest
from typer.testing import CliRunner

from budget_audit import audit
from budget_audit.readers import read
from budget_audit.understand import understand
from budget_audit.cli import app
from budget_audit.understand.claims import Claim

from conftest import FIXTURES, SAMPLE

TEXTS = [SAMPLE, FIXTURES / "hubei-style-budget.txt", FIXTURES / "shanghai-style-budget.txt",
         FIXTURES / "final-accounts.txt"]
_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").split("\n")


def _write(tmp_path: Path, lines: list[str], name: str) -> Path:
    out = tmp_path / name
    out.write_text("\n".join(lines), encoding="utf-8")
    return out


def _bump(raw: str) -> str:
    """Change a printed figure clearly: +1 in its last printed place, ×2 when zero."""
    plain = raw.replace(",", "")
    places = len(plain.split(".")[1]) if "." in plain else 0
    value = Decimal(plain)
    new = value * 2 + 1 if value == 0 else value + Decimal(1).scaleb(-places) * (10 if places else 1)
    return f"{new:.{places}f}"


def _mutations(path: Path, pack) -> list[tuple[int, str, str, str]]:
    """(line, old text, new text, what) for every figure a narrative check verified."""
    results = audit(path, pack=pack)
    flagged = {(loc.location.line) for f in results.findings for loc in f.evidence if loc.location and loc.text}
    out = []
    for binding in results.claims:
        claim = binding.claim
        if id(claim) not in results.verified or claim.location.line in flagged:
            continue
        for raw, what in _figures(claim):
            out.append((claim.location.line, raw, _bump(_NUMBER.search(raw).group()), what))
    return out


def _figures(claim: Claim) -> list[tuple[str, str]]:
    figs = [(claim.amount.raw, "amount")]
    if claim.share:
        figs.append((claim.share.raw, "share"))
    if claim.change and claim.change.percent:
        figs.append((claim.change.percent.raw, "change"))
    if claim.completion:
        figs.append((claim.completion.raw, "completion"))
    return figs


def _apply(lines: list[str], line_no: int, raw: str, new_number: str) -> list[str] | None:
    """Replace the figure in the paragraph starting at line_no (paragraphs may wrap)."""
    out = list(lines)
    for i in range(line_no - 1, min(line_no + 4, len(lines))):
        compact = re.sub(r"\s+", "", raw)
        number = _NUMBER.search(compact).group()
        for m in re.finditer(re.escape(number), out[i]):
            out[i] = out[i][:m.start()] + new_number + out[i][m.end():]
            return out
    return None


@pytest.mark.parametrize("path", TEXTS, ids=[p.name for p in TEXTS])
def test_altered_narrative_figures_are_caught(path, pack, tmp_path):
    """Mutation: at least 90% of the checked narrative figures, once altered, give a finding
    at that sentence."""
    mutations = _mutations(path, pack)
    assert len(mutations) >= 8
    lines = _lines(path)
    caught, missed = 0, []
    for line_no, raw, new, what in mutations:
        changed = _apply(lines, line_no, raw, new)
        assert changed is not None, (line_no, raw)
        results = audit(_write(tmp_path, changed, path.name), pack=pack)
        hit = any(e.location and e.location.line == line_no and e.text
                  for f in results.findings if f.severity in ("error", "warning") for e in f.evidence)
        if hit:
            caught += 1
        else:
            missed.append((line_no, raw, new, what))
    assert caught >= 0.9 * len(mutations), missed


def test_every_figure_of_the_explanation_is_claimed_or_listed(pack):
    """第二部分 and 第三部分 of the sample: each amount in 万元 is a claim (bound and checked,
    or listed as unbound) or the change amount of one."""
    results = audit(SAMPLE, pack=pack)
    claimed_lines = {}
    for b in results.claims:
        c = b.claim
        figures = [c.amount.raw] + ([c.change.delta.raw] if c.change and c.change.delta else [])
        claimed_lines.setdefault(c.location.line, []).extend(re.sub(r"\D", "", f) for f in figures)
    text = SAMPLE.read_text(encoding="utf-8")
    part2 = text.index("第二部分 预算情况说明\n")
    part4 = text.index("第四部分 名词解释\n", part2)
    start_line = text[:part2].count("\n") + 1
    for offset, line in enumerate(text[part2:part4].split("\n")):
        for m in re.finditer(r"(\d[\d,.]*)\s*万元", line):
            digits = re.sub(r"\D", "", m.group(1))
            owners = [v for ln, vs in claimed_lines.items() if start_line + offset - 3 <= ln <= start_line + offset
                      for v in vs]
            assert digits in owners, (start_line + offset, line)


def test_bound_claims_respect_scope(pack):
    """A figure in a 财政拨款 section is compared with 财政拨款 tables only."""
    results = audit(SAMPLE, pack=pack)
    for b in results.claims:
        if b.operand is None or not any("财政拨款收支" in h for h in b.claim.headings):
            continue
        assert b.operand.table.kind.name == "财政拨款收支总表", (b.claim.subject, b.operand.table.kind.name)


def test_unit_slip_is_named(pack, tmp_path):
    lines = _lines(FIXTURES / "shanghai-style-budget.txt")
    i = lines.index("（三）公务接待费1.00万元，与2024年预算持平。")
    lines[i] = "（三）公务接待费10000.00万元，与2024年预算持平。"
    results = audit(_write(tmp_path, lines, "slip.txt"), pack=pack)
    finding = next(f for f in results.findings if f.rule == "T01")
    assert "一万倍" in finding.message and finding.stated == "10000.00万元"


@pytest.mark.parametrize("stated, fires", [("95%", False), ("95.4%", False), ("95.38%", False),
                                           ("95.3%", False), ("95.2%", True), ("95.30%", True), ("96%", True)])
def test_share_tolerance_follows_printed_precision(pack, tmp_path, stated, fires):
    """The part is 95.38% of the whole: “95%” and “95.4%” are right at their precision,
    “95.3%” is cut off rather than rounded (info), “95.30%” and “95.2%” are wrong."""
    text = f"一、收入预算安排情况\n\n收入预算100.00万元，其中：甲收入95.38万元，占{stated}；乙收入4.62万元。\n"
    results = audit(_write(tmp_path, [text], "share.txt"), pack=pack)
    p01 = [f for f in results.findings if f.rule == "P01" and f.severity == "error"]
    assert bool(p01) == fires, [f.message for f in p01]


def test_rich_report_quotes_the_sentence_and_lists_unbound():
    result = CliRunner().invoke(app, ["check", str(SAMPLE)])
    assert "原文：" in result.output and "未能对应到表格" in result.output
    assert "说明中的数字：找到" in result.output


def test_json_lists_unbound_claims_with_their_place():
    doc = json.loads(CliRunner().invoke(app, ["check", str(SAMPLE), "--format", "json"]).stdout)
    claims = doc["coverage"]["claims"]
    assert claims["found"] >= claims["bound"] and claims["found"] == claims["bound"] + len(doc["unbound_claims"])
    assert all(u["line"] and u["text"] and u["amount"] for u in doc["unbound_claims"])


def test_min_coverage_fails_the_run_below_the_verified_share():
    run = CliRunner().invoke
    base = ["check", str(FIXTURES / "complete-budget.txt")]  # no finding at all: the exit code is the coverage's
    assert run(app, base + ["--min-coverage", "0.5"]).exit_code == 0
    assert run(app, base + ["--min-coverage", "1"]).exit_code == 1
    assert run(app, base + ["--min-coverage", "2"]).exit_code == 2


@pytest.mark.parametrize("amount, bound", [("70.00", True), ("71.00", False)])
def test_path_with_a_wrong_kuan_name_binds_only_on_its_own_amount(pack, tmp_path, amount, bound):
    """“…（类）<another 款 name>（款）行政运行（项）”: the 项 is taken when its figure is the one
    stated (F05 reports the name); otherwise the claim stays unbound — never a guessed T01."""
    lines = _lines(FIXTURES / "final-accounts.txt")
    i = next(n for n, ln in enumerate(lines) if ln.startswith("1、一般公共服务支出（类）财政事务（款）"))
    lines[i] = lines[i].replace("财政事务（款）", "财政管理事务（款）").replace("支出决算为70.00", f"支出决算为{amount}")
    results = audit(_write(tmp_path, lines, "fa.txt"), pack=pack)
    item = next(b for b in results.claims if b.claim.location.line == i + 1 and "决算" in b.claim.subject)
    assert (item.operand is not None) == bound
    assert not [f for f in results.findings if f.rule == "T01"]


def test_dashed_subject_paths_and_thresholds():
    from budget_audit.understand.claims import path_of
    assert path_of("一般公共服务支出-政府办公厅(室)及相关机构事务-行政运行科目") == "一般公共服务支出/政府办公厅室及相关机构事务/行政运行"
    assert path_of("政府采购预算") == ""


def test_a_threshold_is_not_a_claim(pack, tmp_path):
    text = "一、国有资产占有使用情况\n\n部门预算安排购置单价100万元（含）以上设备0台（套）。\n"
    report = understand(read(_write(tmp_path, [text], "assets.txt")), pack.catalog)
    assert report.claims == []
