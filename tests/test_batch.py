"""Batches: folders in, one row and one JSONL record per file, damaged files as 无法审核 rows,
exit codes, summaries that agree with the JSONL, shards, time limits and dead workers."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from budget_audit.batch.files import collect, parse_shard, shard
from budget_audit.batch.pool import Pool
from budget_audit.batch.work import Job
from budget_audit.cli import app
from budget_audit.errors import AuditError

from conftest import FIXTURES, SAMPLE

CLEAN = FIXTURES / "complete-budget.txt"
runner = CliRunner()


def _folder(tmp_path: Path, damaged: bool = True, failing: bool = True) -> Path:
    root = tmp_path / "reports"
    (root / "sub").mkdir(parents=True)
    text = CLEAN.read_text(encoding="utf-8")
    (root / "a-clean.txt").write_text(text, encoding="utf-8")
    if failing:  # a row that does not add up: an error finding
        (root / "sub" / "b-wrong.txt").write_text(
            text.replace("302\t01\t办公费\t60,000\t0\t60,000", "302\t01\t办公费\t70,000\t0\t60,000"), encoding="utf-8")
    if damaged:
        (root / "c-damaged.pdf").write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 8)
        (root / "sub" / "d-empty.txt").write_bytes(b"")
    (root / "notes.docx.bak").write_text("not a report", encoding="utf-8")  # not a report format: skipped
    return root


def test_folder_gives_one_record_and_one_row_per_file_and_exit_2_for_damage(tmp_path):
    root = _folder(tmp_path)
    result = runner.invoke(app, ["check", str(root), "--format", "jsonl", "--jobs", "2",
                                 "--summary", str(tmp_path / "s.csv")])
    assert result.exit_code == 2, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    paths = [r["source"]["path"] for r in records]
    assert [Path(p).name for p in paths] == ["a-clean.txt", "c-damaged.pdf", "b-wrong.txt", "d-empty.txt"]
    assert paths == sorted(paths)
    failed = {Path(r["source"]["path"]).name: r["error"] for r in records if "error" in r}
    assert set(failed) == {"c-damaged.pdf", "d-empty.txt"} and all(failed.values())
    audited = {Path(r["source"]["path"]).name: r for r in records if "error" not in r}
    assert audited["b-wrong.txt"]["summary"]["error"] >= 1 and audited["a-clean.txt"]["summary"]["error"] == 0

    with (tmp_path / "s.csv").open(encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f))
    assert sorted(r["文件"] for r in rows) == sorted(paths)
    assert [r["状态"] for r in rows[:2]] == ["无法审核"] * 2 and all(r["原因"] for r in rows[:2])  # worst first
    by_path = {r["文件"]: r for r in rows}
    for rec in audited.values():
        assert int(by_path[rec["source"]["path"]]["错误"]) == rec["summary"]["error"]
    with (tmp_path / "s-findings.csv").open(encoding="utf-8-sig") as f:
        found = list(csv.DictReader(f))
    assert sorted(r["指纹"] for r in found) == sorted(x["fingerprint"] for rec in audited.values() for x in rec["findings"])


def test_exit_codes_follow_the_worst_file(tmp_path):
    clean = _folder(tmp_path, damaged=False, failing=False)
    assert runner.invoke(app, ["check", str(clean), "--jobs", "1"]).exit_code == 0
    (clean / "b-wrong.txt").write_text(CLEAN.read_text(encoding="utf-8").replace(
        "302\t01\t办公费\t60,000\t0\t60,000", "302\t01\t办公费\t70,000\t0\t60,000"), encoding="utf-8")
    result = runner.invoke(app, ["check", str(clean), "--jobs", "1", "--summary", str(tmp_path / "s.xlsx")])
    assert result.exit_code == 1
    assert "审核汇总" in result.stdout and "有错误" in result.stdout
    wb = load_workbook(tmp_path / "s.xlsx")
    assert wb.sheetnames == ["汇总", "发现"]
    assert [r[0] for r in wb["汇总"].iter_rows(min_row=2, values_only=True)][0].endswith("b-wrong.txt")


def test_a_single_file_keeps_its_json_and_jsonl_is_the_same_document(tmp_path):
    one = runner.invoke(app, ["check", str(CLEAN), "--format", "json"])
    assert one.exit_code == 0 and one.stdout.startswith("{\n")  # the one-file path, pretty JSON
    lines = runner.invoke(app, ["check", str(CLEAN), "--format", "jsonl", "--jobs", "1"]).stdout.splitlines()
    assert len(lines) == 1 and json.loads(lines[0]) == json.loads(one.stdout)


def test_json_for_many_files_is_refused(tmp_path):
    result = runner.invoke(app, ["check", str(_folder(tmp_path)), "--format", "json"])
    assert result.exit_code == 2 and "jsonl" in result.output


def test_shards_are_disjoint_and_cover_the_list(tmp_path):
    files = [tmp_path / f"{i:03d}.txt" for i in range(10)]
    slices = [shard(files, k, 3) for k in (1, 2, 3)]
    assert sorted(sum(slices, [])) == files and sum(len(s) for s in slices) == len(set(sum(slices, [])))
    assert shard(files, 2, 3) == shard(list(files), 2, 3)
    assert parse_shard("2/3") == (2, 3)
    for bad in ("0/3", "4/3", "a/b", "3"):
        with pytest.raises(AuditError):
            parse_shard(bad)


def test_collect_walks_folders_and_keeps_named_files(tmp_path):
    root = _folder(tmp_path)
    named = tmp_path / "report.dat"
    found = collect([root, named])
    assert named in found and not any(p.name == "notes.docx.bak" for p in found)
    assert len(found) == 5 and found == sorted(found, key=lambda p: p.as_posix())


def test_a_file_past_its_time_limit_is_killed_and_the_batch_goes_on(tmp_path):
    copy = tmp_path / "copy.txt"
    copy.write_bytes(SAMPLE.read_bytes())
    files = [SAMPLE, copy]  # auditing the sample takes far more than 0.05 s
    outcomes = list(Pool(Job(), 1, timeout=0.05).run(files))
    assert len(outcomes) == 2 and all(o.failed and "时间限制" in (o.reason or "") for o in outcomes)


def test_a_dead_worker_costs_only_its_file(tmp_path):
    broken = tmp_path / "rules"
    broken.mkdir()  # no tables.yaml: the worker dies on start, before any file
    outcomes = list(Pool(Job(rules_dir=broken), 1, timeout=30).run([CLEAN, CLEAN.with_name("x.txt")]))
    assert len(outcomes) == 2 and all(o.failed and "意外退出" in (o.reason or "") for o in outcomes)


def test_shards_of_a_folder_concatenate_to_the_whole_batch(tmp_path):
    from budget_audit.batch.check import files_of

    root = _folder(tmp_path)
    parts = [files_of([root], f"{k}/3") for k in (1, 2, 3)]
    assert sorted(sum(parts, []), key=lambda p: p.as_posix()) == collect([root])
    empty = tmp_path / "empty"
    empty.mkdir()
    with pytest.raises(AuditError, match="没有找到"):
        files_of([empty], None)
