"""CI formats of `check`: SARIF 2.1.0, JUnit XML, GitHub workflow commands, GitLab Code Quality."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from decimal import Decimal

from typer.testing import CliRunner

from budget_audit import __version__
from budget_audit.cli import app
from budget_audit.config.pack import PackSetup, build_pack
from budget_audit.reporters.github_report import _escape_data, _escape_property

from conftest import FIXTURES, SAMPLE

HUBEI = FIXTURES / "hubei-style-budget.txt"
runner = CliRunner()


def run(*args: object, **kw):
    return runner.invoke(app, [str(a) for a in args], **kw)


def test_sarif_has_the_2_1_0_structure(tmp_path):
    out = tmp_path / "report.sarif"
    result = run("check", SAMPLE, "--format", "sarif", "--output", out)
    assert result.exit_code == 1 and result.stdout == ""
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["version"] == "2.1.0" and doc["$schema"].endswith("sarif-2.1.0.json")
    (run_,) = doc["runs"]
    rules = run_["tool"]["driver"]["rules"]
    assert len({r["id"] for r in rules}) == len(rules) and all(r["help"]["text"] and r["shortDescription"]["text"]
                                                               for r in rules)
    assert run_["results"]
    for r in run_["results"]:
        assert rules[r["ruleIndex"]]["id"] == r["ruleId"]
        assert r["level"] in ("error", "warning", "note") and r["message"]["text"]
        (loc,) = r["locations"]
        assert loc["physicalLocation"]["artifactLocation"]["uri"].endswith(SAMPLE.name)
        assert loc["physicalLocation"]["region"]["startLine"] >= 1  # a text report: lines
        assert re.fullmatch(r"[0-9a-f]{16}", r["partialFingerprints"]["budgetAudit/v1"])


def test_junit_parses_with_a_failure_per_failing_finding():
    result = run("check", HUBEI, "--format", "junit", "--fail-on", "warning")
    root = ET.fromstring(result.stdout.split("\n", 1)[1])
    (suite,) = root.findall("testsuite")
    assert suite.get("name") == str(HUBEI)
    failures = suite.findall("testcase/failure")
    report = json.loads(run("check", HUBEI, "--format", "json").stdout)
    assert len(failures) == int(suite.get("failures")) == len(report["findings"])
    assert len(suite.findall("testcase")) == int(suite.get("tests")) > len(failures)
    errors_only = ET.fromstring(run("check", HUBEI, "--format", "junit").stdout.split("\n", 1)[1])
    assert int(errors_only.get("failures")) == report["summary"]["error"]


_COMMAND = re.compile(r"^::(error|warning|notice) ((?:file|line|title)=[^,:]*(?:,(?:file|line|title)=[^,:]*)*)::(.*)$")


def test_github_lines_follow_the_workflow_command_syntax(tmp_path, monkeypatch):
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    result = run("check", HUBEI, "--format", "github")
    lines = result.stdout.splitlines()
    assert result.exit_code == 1 and lines
    for line in lines:
        m = _COMMAND.match(line)
        assert m, line
        assert "\n" not in m.group(3) and "\r" not in m.group(3)
        props = dict(p.split("=", 1) for p in m.group(2).split(","))
        assert props["file"] == str(HUBEI) and props["line"].isdigit() and props["title"]
    assert "| 级别 |" in summary.read_text(encoding="utf-8")


def test_github_escapes_data_and_properties():
    assert _escape_data("50%\r\n下一行") == "50%25%0D%0A下一行"
    assert _escape_property("a:b,c%") == "a%3Ab%2Cc%25"


def test_gitlab_code_quality_lists_each_finding():
    issues = json.loads(run("check", HUBEI, "--format", "gitlab").stdout)
    report = json.loads(run("check", HUBEI, "--format", "json").stdout)
    assert [i["fingerprint"] for i in issues] == [f["fingerprint"] for f in report["findings"]]
    assert all(i["severity"] in ("critical", "major", "info") and i["location"]["lines"]["begin"] >= 1 for i in issues)


def test_batch_sarif_covers_every_file(tmp_path):
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(HUBEI.read_text(encoding="utf-8"), encoding="utf-8")
    result = run("check", tmp_path, "--format", "sarif", "--jobs", "1")
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            for r in json.loads(result.stdout)["runs"][0]["results"]}
    assert result.exit_code == 1 and {u.rsplit("/", 1)[1] for u in uris} == {"a.txt", "b.txt"}


def test_stdin_quiet_and_version():
    piped = run("check", "-", "--format", "json", input=HUBEI.read_bytes())
    assert piped.exit_code == 1 and json.loads(piped.stdout)["findings"]
    quiet = run("check", HUBEI, "--quiet")
    assert quiet.exit_code == 1 and quiet.stdout == ""
    assert run("--version").stdout.strip() == f"budget-audit {__version__}"


def test_params_reach_the_rule_and_unknown_ones_are_refused(tmp_path):
    pack = build_pack(PackSetup.of(None, [], {"A16": {"total": 90}}, {}))
    assert next(r for r in pack.rules if r.id == "A16").spec.total == Decimal(90)
    (tmp_path / "budget-audit.toml").write_text("[params.A16]\nweight = 90\n", encoding="utf-8")
    (tmp_path / "r.txt").write_text(HUBEI.read_text(encoding="utf-8"), encoding="utf-8")
    result = run("check", tmp_path / "r.txt")
    assert result.exit_code == 2 and "weight" in result.output


def test_sarif_of_a_pdf_puts_the_page_and_box_in_properties(tmp_path, monkeypatch):
    from pdfbuild import build_pdf

    build_pdf(HUBEI.read_text(encoding="utf-8"), tmp_path / "报告.pdf")
    monkeypatch.chdir(tmp_path)
    results = json.loads(run("check", "报告.pdf", "--format", "sarif").stdout)["runs"][0]["results"]
    assert results
    for r in results:
        physical = r["locations"][0]["physicalLocation"]
        assert physical["artifactLocation"]["uri"] == "%E6%8A%A5%E5%91%8A.pdf" and "region" not in physical
        assert r["properties"]["page"] >= 1
    assert any(len(r["properties"].get("bbox", [])) == 4 for r in results)
