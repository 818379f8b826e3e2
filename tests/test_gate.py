"""The review-pipeline gate: configuration files, waivers with expiry, baselines (issue 12)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from budget_audit.cli import app

from conftest import FIXTURES

HUBEI = FIXTURES / "hubei-style-budget.txt"  # a made-up report with errors and warnings
runner = CliRunner()


def run(*args: object):
    return runner.invoke(app, [str(a) for a in args])


def report_in(folder: Path, lines_before: int = 0, mutate: bool = False, name: str = "report.txt") -> Path:
    text = HUBEI.read_text(encoding="utf-8")
    if mutate:  # one printed figure changed: 行政运行's total
        text = text.replace("2010301\t行政运行\t200.00\t200.00", "2010301\t行政运行\t210.00\t200.00", 1)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text("\n" * lines_before + text, encoding="utf-8")
    return path


def findings(*args: object) -> tuple[int, dict]:
    result = run("check", *args, "--format", "json")
    assert result.exit_code in (0, 1), result.output
    return result.exit_code, json.loads(result.stdout)


# --- baselines ---------------------------------------------------------------------------------

def test_a_report_with_a_baseline_of_itself_passes(tmp_path):
    report = report_in(tmp_path)
    assert run("check", report).exit_code == 1
    made = run("baseline", report, "--output", tmp_path / "baseline.json")
    assert made.exit_code == 0, made.output
    code, doc = findings(report, "--baseline", tmp_path / "baseline.json")
    assert code == 0 and doc["findings"] == [] and doc["gate"]["baseline"]


def test_a_changed_figure_fails_on_exactly_the_new_findings(tmp_path):
    original = report_in(tmp_path / "a")
    run("baseline", original, "--output", tmp_path / "baseline.json")
    _, before = findings(original)
    changed = report_in(tmp_path / "b", mutate=True)
    _, after = findings(changed)
    new = {f["fingerprint"] for f in after["findings"]} - {f["fingerprint"] for f in before["findings"]}
    code, gated = findings(changed, "--baseline", tmp_path / "baseline.json")
    assert new and code == 1
    assert {f["fingerprint"] for f in gated["findings"]} == new
    assert all("行政运行" in json.dumps(f, ensure_ascii=False) for f in gated["findings"])


def test_a_baseline_survives_line_shifts_and_a_renamed_file(tmp_path):
    run("baseline", report_in(tmp_path / "a"), "--output", tmp_path / "baseline.json")
    shifted = report_in(tmp_path / "b", lines_before=3, name="renamed.txt")
    code, doc = findings(shifted, "--baseline", tmp_path / "baseline.json")
    assert code == 0 and doc["findings"] == []


def test_fixed_baseline_findings_are_listed(tmp_path):
    changed = report_in(tmp_path / "a", mutate=True)
    run("baseline", changed, "--output", tmp_path / "baseline.json")
    result = run("check", report_in(tmp_path / "b"), "--baseline", tmp_path / "baseline.json", "--format", "json")
    doc = json.loads(result.stdout)
    assert result.exit_code == 0
    assert any("已改正" in n["message"] for n in doc["gate"]["notes"])


# --- waivers -----------------------------------------------------------------------------------

def _waive(tmp_path: Path, fingerprint: str, expires: dt.date) -> Path:
    file = tmp_path / "waivers.yaml"
    result = run("waive", fingerprint, "--reason", "已向财政局说明", "--expires", expires.isoformat(), "--file", file)
    assert result.exit_code == 0, result.output
    return file


def test_a_waiver_with_a_future_expiry_silences_its_finding(tmp_path):
    report = report_in(tmp_path)
    _, doc = findings(report)
    target = doc["findings"][0]
    file = _waive(tmp_path, target["fingerprint"], dt.date.today() + dt.timedelta(days=30))
    _, gated = findings(report, "--waivers", file)
    assert target["fingerprint"] not in {f["fingerprint"] for f in gated["findings"]}
    assert [w["fingerprint"] for w in gated["gate"]["waived"]] == [target["fingerprint"]]
    assert gated["gate"]["waived"][0]["waiver"]["reason"] == "已向财政局说明"


def test_a_waiver_past_its_expiry_does_not_silence_and_says_so(tmp_path):
    report = report_in(tmp_path)
    _, doc = findings(report)
    target = doc["findings"][0]["fingerprint"]
    file = _waive(tmp_path, target, dt.date.today() - dt.timedelta(days=1))
    result = run("check", report, "--waivers", file)
    assert result.exit_code == 1
    assert "过期" in result.output
    _, gated = findings(report, "--waivers", file)
    assert target in {f["fingerprint"] for f in gated["findings"]}
    assert [n["severity"] for n in gated["gate"]["notes"]] == ["warning"]


def test_waivers_cover_every_failing_finding_and_the_run_passes(tmp_path):
    report = report_in(tmp_path)
    _, doc = findings(report)
    later = dt.date.today() + dt.timedelta(days=30)
    lines = [f"- rule: {r}\n  reason: 模板差异\n  expires: {later}\n" for r in {f["rule"] for f in doc["findings"]}]
    lines.append(f"- fingerprint: '0000000000000000'\n  reason: 旧的\n  expires: {later}\n")
    (tmp_path / "waivers.yaml").write_text("".join(lines), encoding="utf-8")
    code, gated = findings(report, "--waivers", tmp_path / "waivers.yaml")
    assert code == 0 and gated["findings"] == []
    assert any("未匹配" in n["message"] for n in gated["gate"]["notes"])


def test_a_waiver_without_reason_or_expiry_is_a_configuration_error(tmp_path):
    (tmp_path / "waivers.yaml").write_text("- fingerprint: abc\n  reason: 说明\n\n- fingerprint: def\n  expires: 2030-01-01\n",
                                          encoding="utf-8")
    result = run("check", report_in(tmp_path), "--waivers", tmp_path / "waivers.yaml")
    assert result.exit_code == 2
    assert "waivers.yaml:1" in result.output and "expires" in result.output


# --- configuration -----------------------------------------------------------------------------

def test_a_config_file_next_to_the_report_changes_what_runs_and_the_severities(tmp_path):
    report = report_in(tmp_path)
    _, doc = findings(report)
    dropped, lowered = sorted({f["rule"] for f in doc["findings"] if f["severity"] == "error"})[:2]
    (tmp_path / "budget-audit.toml").write_text(
        f'ignore = ["{dropped}"]\n\n[severity]\n{lowered} = "info"\n', encoding="utf-8")
    _, configured = findings(report)
    rules = {f["rule"] for f in configured["findings"]}
    assert dropped not in rules and lowered in rules
    assert {f["severity"] for f in configured["findings"] if f["rule"] == lowered} == {"info"}
    _, flagged = findings(report, "--ignore", lowered)  # a flag wins over the file
    assert dropped in {f["rule"] for f in flagged["findings"]} and lowered not in {f["rule"] for f in flagged["findings"]}


def test_pyproject_upward_and_config_command_say_where_values_come_from(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.budget-audit]\nfail-on = "warning"\n',
                                            encoding="utf-8")
    report = report_in(tmp_path / "reports" / "2024")
    shown = run("config", report)
    assert shown.exit_code == 0, shown.output
    assert "fail-on" in shown.output and "warning" in shown.output and "pyproject.toml:5" in shown.output
    (tmp_path / "other.toml").write_text('fail-on = "info"\n', encoding="utf-8")
    named = run("config", report, "--config", tmp_path / "other.toml")
    assert "info" in named.output and "other.toml:1" in named.output and "pyproject.toml" not in named.output


def test_an_unknown_key_names_the_file_and_line(tmp_path):
    (tmp_path / "budget-audit.toml").write_text('fail-on = "error"\n\nfail_on = "info"\n', encoding="utf-8")
    result = run("check", report_in(tmp_path))
    assert result.exit_code == 2
    assert "budget-audit.toml:3" in result.output and "fail_on" in result.output


def _extend_rules(tmp_path: Path) -> None:
    """A local rule folder (one rule, L01) named by a budget-audit.toml in tmp_path."""
    extra = tmp_path / "my-rules"
    extra.mkdir()
    (extra / "local.yaml").write_text("""rules:
  - id: L01
    title: 本地规则：绩效指标分值合计为90
    severity: warning
    check: indicator_weights
    total: 90
    explain: {what: 分值权重合计为90。, why: 本地要求。, fix: 调整分值。}
""", encoding="utf-8")
    (tmp_path / "budget-audit.toml").write_text('extend-rules = ["my-rules"]\n', encoding="utf-8")


def test_extend_rules_adds_a_rule_without_losing_the_built_in_pack(tmp_path):
    _extend_rules(tmp_path)
    listed = run("check", report_in(tmp_path), "--format", "sarif")
    assert listed.exit_code == 1, listed.output
    ids = {r["id"] for r in json.loads(listed.stdout)["runs"][0]["tool"]["driver"]["rules"]}
    assert "L01" in ids and {"A01", "C01"} <= ids


def test_rules_and_explain_show_the_configured_pack(tmp_path, monkeypatch):
    _extend_rules(tmp_path)
    monkeypatch.chdir(tmp_path)
    listed = run("rules")
    assert "L01" in listed.output and "A01" in listed.output
    assert "分值权重合计为90" in run("explain", "L01").output


def test_a_rule_waiver_with_a_where_pattern_waives_only_that_place():
    from budget_audit.gate.waivers import Waiver

    waiver = Waiver("w.yaml:1", "模板差异", dt.date(2099, 1, 1), rule="A01", pattern="收支总表*本年收入合计")
    at = {"rule": "A01", "fingerprint": "f", "locations": [{"table": "收支总表", "row": "本年收入合计", "line": 9}]}
    elsewhere = {**at, "locations": [{"table": "收支总表", "row": "收入总计", "line": 9}]}
    assert waiver.matches(at) and not waiver.matches(elsewhere) and not waiver.matches({**at, "rule": "A02"})


def test_a_value_of_the_wrong_type_names_the_file_and_line(tmp_path):
    (tmp_path / "budget-audit.toml").write_text('select = ["A"]\nfail-on = "fatal"\n', encoding="utf-8")
    result = run("check", report_in(tmp_path))
    assert result.exit_code == 2 and "budget-audit.toml:2" in result.output and "fail-on" in result.output


@pytest.mark.parametrize("line", ["min-coverage = nan", "min-coverage = 1.5", "timeout = 0", "jobs = 1.5"])
def test_a_number_out_of_its_range_names_the_file_and_line(tmp_path, line):
    (tmp_path / "budget-audit.toml").write_text('select = ["A"]\n' + line + "\n", encoding="utf-8")
    result = run("check", report_in(tmp_path))
    assert result.exit_code == 2 and "budget-audit.toml:2" in result.output


def test_a_batch_is_gated_file_by_file(tmp_path):
    reports = tmp_path / "reports"
    report_in(reports, name="a.txt"), report_in(reports, name="b.txt", mutate=True)
    run("baseline", reports / "a.txt", "--output", tmp_path / "baseline.json")
    result = run("check", reports, "--baseline", tmp_path / "baseline.json", "--format", "jsonl", "--jobs", "1")
    docs = {Path(d["source"]["path"]).name: d for d in map(json.loads, result.stdout.splitlines())}
    assert result.exit_code == 1
    assert docs["a.txt"]["findings"] == [] and docs["b.txt"]["findings"]
    assert all("行政运行" in json.dumps(f, ensure_ascii=False) for f in docs["b.txt"]["findings"])
