"""Rule cases of the cross-reference rules (rules/crossref.yaml): each fires on an edit of
the made-up 湖北-style report with project forms, and runs and stays quiet on it as it is."""

from __future__ import annotations

from pathlib import Path

from conftest import FIXTURES
from rulecases import Edit, fire_and_quiet

PROJECTS = FIXTURES / "hubei-projects-budget.txt"

B13_ROW = "项目支出情况\t社区治理服务经费\t特定目标类本级支出\t85.00\t85.00\t社区网格服务和社区活动。\t"
B13_LAST = "\t公益活动往来资金\t特定目标类本级支出\t100.00\t100.00\t公益活动往来款项。\t"
INCOME = "\t收入构成\t财政拨款\t500.00\t83%\t480.00\t520.00"
STAFF = "\t支出构成\t人员类项目支出\t300.00\t50%\t300.00\t310.00"
RUNNING = "\t\t运转类项目支出\t50.00\t8%\t60.00\t60.00"
PLAN = "其他服务\t1\t\t30万元\t\t"
SERVICE = ("901001\t样例镇人民政府本级\t是\t社区治理服务经费\t社区治理服务\t1\t30.00\t"
           "[2010302]一般行政管理事务\t[30299]其他商品和服务支出")
BASIC_SERVICE = "901001\t样例镇人民政府本级\t否\t日常公用经费\t物业管理服务\t1\t8.00\t[2010301]行政运行\t[30201]办公费"
PROCURED = ("901001\t样例镇人民政府本级\t社区治理服务经费\t[C99000000]其他服务\t[2010302]一般行政管理事务\t"
            "[30299]其他商品和服务支出\t1\t30.00\t项\t30.00\t18.00\t8.00")
PROCUREMENT_TOTAL = "\t合计\t\t\t\t\t\t45.00\t\t45.00\t27.00\t11.00"
OTHER_FUNDS = "\t4. 其他资金(含事业基金及上年结转或结余等)\t\t100.00万元\t\t"
FUNDING_TOTAL = "\t当年预算合计\t\t85.00万元\t\t"
DETAIL = "\t社区治理服务\t1、网格服务55万元；2、社区活动30万元。\t85.00万元\t\t"
WEIGHT = "年度绩效目标\t100\t产出指标\t数量指标\t服务社区个数\t=3个\t=3个\t=3个\t30\t计划数据"
FORM_NAME = "项目名称\t公益活动往来资金\t项目代码\t\t\t"


def swap(line: str, old: str, new: str) -> Edit:
    assert old in line, (old, line)
    return line, line.replace(old, new, 1)


CASES: dict[str, tuple[Path, list[Edit], list[Edit]]] = {
    # rule: (fixture, edits that make it fire, edits under which it runs and stays quiet)
    "R01": (PROJECTS, [(B13_LAST, "")], []),
    "R02": (PROJECTS, [swap(B13_ROW, "85.00\t85.00", "85.00\t90.00")], []),
    "R03": (PROJECTS, [swap(PLAN, "30万元", "20万元")], []),
    "R04": (PROJECTS, [swap(SERVICE, "30.00", "35.00")], []),
    "R05": (PROJECTS, [swap(OTHER_FUNDS, "100.00", "90.00")], []),
    "R06": (PROJECTS, [swap(INCOME, "500.00", "510.00")], []),
    "R06a": (PROJECTS, [swap(STAFF, "300.00\t50%", "310.00\t50%")], []),
    "R06b": (PROJECTS, [swap(INCOME, "83%", "80%")], []),
    "R06c": (PROJECTS, [swap(STAFF, "300.00\t50%", "290.00\t50%"), swap(RUNNING, "50.00\t8%", "60.00\t8%")], []),
    "R07": (PROJECTS, [swap(FORM_NAME, "公益活动往来资金", "")], []),
    "A13": (PROJECTS, [swap(PROCUREMENT_TOTAL, "\t45.00\t27.00", "\t46.00\t27.00")], []),
    "A14": (PROJECTS, [swap(STAFF, "50%\t300.00", "50%\t310.00")], []),
    "A15": (PROJECTS, [swap(FUNDING_TOTAL, "85.00", "86.00")], []),
    "A15b": (PROJECTS, [swap(DETAIL, "30万元", "20万元")], []),
    "A16": (PROJECTS, [swap(WEIGHT, "\t30\t", "\t25\t")], []),
    "X11": (PROJECTS, [swap(PROCURED, "[2010302]", "[2010399]")], []),
    "X12": (PROJECTS, [swap(BASIC_SERVICE, "8.00", "38.00")], []),
}


test_rule_fires, test_rule_stays_quiet = fire_and_quiet(CASES)
