"""The command line as a user and a pipeline see it: output, exit codes, JSON contract."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from budget_audit.cli import app

from conftest import FIXTURES, ROOT, SAMPLE

HUBEI = FIXTURES / "hubei-style-budget.txt"

runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, list(args))


def test_check_sample_shows_tables_and_coverage():
    result = run("check", str(SAMPLE), "--select", "A,X")
    assert result.exit_code == 0, result.output
    for text in ("收支总表", "基本支出表", "三公经费表", "核对覆盖", "通过"):
        assert text in result.output


def test_json_is_byte_identical_and_follows_the_contract():
    first, second = run("check", str(SAMPLE), "--format", "json"), run("check", str(SAMPLE), "--format", "json")
    assert first.exit_code in (0, 1) and first.stdout == second.stdout
    doc = json.loads(first.stdout)
    assert doc["schema"] == "budget-audit/report@1"
    assert set(doc) >= {"tool", "source", "document", "coverage", "findings", "summary"}
    assert doc["tool"]["rules_fingerprint"].startswith("sha256:")
    assert doc["source"]["format"] == "text" and len(doc["source"]["sha256"]) == 64
    assert doc["document"]["type"] == "budget" and doc["document"]["year"] == 2024
    kinds = {t["kind"] for t in doc["document"]["tables"]}
    assert {"收支总表", "支出总表", "财政拨款收支总表", "一般公共预算支出表", "基本支出表", "三公经费表"} <= kinds
    assert set(doc["coverage"]["rules"]) == {"pass", "fail", "not_applicable", "insufficient_data", "error"}
    assert set(doc["coverage"]["claims"]) == {"found", "bound", "verified"}
    # the sample's tables add up; its project forms disagree in places (R rules, A16); its
    # performance targets too (A17–A19); it lacks two listed tables and has text slips (C, F, W rules)
    assert all(f["rule"][0] in "TPRCFW" or f["rule"] in ("A16", "A17", "A18", "A19") for f in doc["findings"])
    assert doc["summary"]["error"] == len([f for f in doc["findings"] if f["severity"] == "error"])


def test_findings_give_exit_1_and_json_evidence(tmp_path):
    text = HUBEI.read_text(encoding="utf-8").replace("\t合计\t350.00\t300.00\t50.00", "\t合计\t350.00\t300.00\t50.10")
    bad = tmp_path / "bad.txt"
    bad.write_text(text, encoding="utf-8")
    result = run("check", str(bad), "--format", "json")
    assert result.exit_code == 1
    doc = json.loads(result.stdout)
    finding = next(f for f in doc["findings"] if f["rule"] == "A08")
    assert finding["severity"] == "error" and finding["unit"] == "万元"
    assert finding["stated"] == "350.00" and finding["expected"] == "350.10" and finding["difference"] == "-0.10"
    assert any(loc.get("line") and loc.get("table") for loc in finding["locations"])


def test_rounding_difference_is_info_and_fail_on_sets_the_threshold(tmp_path):
    text = HUBEI.read_text(encoding="utf-8").replace("30201\t办公费\t40.00\t\t40.00", "30201\t办公费\t40.00\t\t40.01")
    bad = tmp_path / "bad.txt"
    bad.write_text(text, encoding="utf-8")
    assert run("check", str(bad), "--select", "A,X").exit_code == 0
    assert run("check", str(bad), "--select", "A,X", "--fail-on", "warning").exit_code == 0
    info = run("check", str(bad), "--select", "A,X", "--fail-on", "info")
    assert info.exit_code == 1 and "四舍五入" in info.output


def test_select_and_ignore_by_id_or_prefix(tmp_path):
    text = HUBEI.read_text(encoding="utf-8").replace("30201\t办公费\t40.00\t\t40.00", "30201\t办公费\t41.00\t\t41.00")
    bad = tmp_path / "bad.txt"
    bad.write_text(text, encoding="utf-8")
    assert run("check", str(bad), "--select", "A,X").exit_code == 1
    assert run("check", str(bad), "--select", "A,X", "--ignore", "A08").exit_code == 0
    assert run("check", str(bad), "--select", "A03").exit_code == 0
    assert run("check", str(bad), "--select", "A0").exit_code == 1


@pytest.mark.parametrize("make, reason", [
    (lambda d: d / "missing.txt", "不存在"),
    (lambda d: _file(d, b""), "为空"),
    (lambda d: _file(d, b"\x00\x01\x02\x03" * 100), "二进制"),
    (lambda d: _file(d, b"%PDF-1.4 garbage"), "PDF"),
    (lambda d: _file(d, "会议纪要\n\n今天讨论了工作安排。\n".encode()), "未识别到预算或决算报表"),
])
def test_unauditable_input_exits_2_with_one_line(tmp_path, make, reason):
    result = run("check", str(make(tmp_path)))
    assert result.exit_code == 2
    assert reason in result.output
    assert "Traceback" not in result.output


def _file(d: Path, data: bytes) -> Path:
    p = d / "input.bin"
    p.write_bytes(data)
    return p


def test_unknown_option_exits_2():
    assert run("check", str(SAMPLE), "--colour").exit_code == 2
    assert run("check", str(SAMPLE), "--format", "xml").exit_code == 2


def test_input_file_is_not_modified(tmp_path):
    copy = tmp_path / "r.txt"
    copy.write_bytes(SAMPLE.read_bytes())
    before = copy.stat().st_mtime_ns, copy.read_bytes()
    run("check", str(copy))
    assert (copy.stat().st_mtime_ns, copy.read_bytes()) == before


def test_rules_and_explain():
    listed = run("rules")
    assert listed.exit_code == 0 and "A01" in listed.output and "X06" in listed.output
    explained = run("explain", "X03")
    assert explained.exit_code == 0
    for text in ("检查什么", "为什么", "如何改正", "其他收入"):
        assert text in explained.output
    assert run("explain", "Z99").exit_code == 2


def test_tables_command_reports_self_check():
    result = run("tables", str(SAMPLE), "--format", "json")
    assert result.exit_code == 0
    doc = json.loads(result.stdout)
    by_kind = {t["kind"]: t for t in doc["tables"]}
    assert by_kind["支出总表"]["self_check"]["pass"] > 0 and by_kind["支出总表"]["self_check"]["fail"] == 0
    assert by_kind["基本支出表"]["rows"] == 26


def test_module_entry_point_runs_in_a_subprocess():
    proc = subprocess.run([sys.executable, "-m", "budget_audit", "check", str(SAMPLE), "--format", "json"],
                          capture_output=True, cwd=ROOT, timeout=120)
    assert proc.returncode in (0, 1), proc.stderr.decode()
    assert json.loads(proc.stdout)["schema"] == "budget-audit/report@1"
