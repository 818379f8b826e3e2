"""Every rule has a case that makes it fire and a case where it runs and stays quiet
(the way semgrep tests rules). Fixtures (tests/fixtures, all made up): a 湖北-style budget,
a 上海-style budget in 元 and a final-accounts report."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import FIXTURES
from rulecases import Edit, all_cases, check_fires, check_quiet

HUBEI, SHANGHAI, FINAL = (FIXTURES / "hubei-style-budget.txt", FIXTURES / "shanghai-style-budget.txt",
                          FIXTURES / "final-accounts.txt")
UNIT_ROW = "901001\t示例街道办事处本级\t500.00\t350.00\t300.00\t50.00\t150.00"
B05_TOTAL = "\t合计\t500.00\t350.00\t300.00\t50.00\t150.00"

FUND_ROWS = ("合计\t\t\t\t\t\t", "212\t\t\t城乡社区支出\t100\t0\t100\n212\t08\t\t国有土地使用权出让收入安排的支出\t100\t0\t100\n"
             "212\t08\t04\t农村基础设施建设支出\t{leaf}\t0\t{leaf}\n合计\t\t\t\t100\t0\t{total}")
FA08 = ("END", "政府性基金预算财政拨款收入支出决算表\n单位：万元\n项目\t\t合计\t基本支出\t项目支出\n科目编码\t科目名称\t\t\t\n"
               "\t合计\t10.00\t\t10.00\n212\t城乡社区支出\t10.00\t\t10.00\n21208\t国有土地使用权出让收入安排的支出\t10.00\t\t10.00\n"
               "2120804\t农村基础设施建设支出\t{leaf}\t\t{leaf}\n")


SH_INCOME = ("2025年，示例区示例局收入预算100.00万元，其中：财政拨款收入95.00万元，占95.00%，比2024年预算增加5.00万元；"
             "事业收入0.00万元；事业单位经营收入0.00万元；其他收入5.00万元，占5.00%。")
PROJECTS = FIXTURES / "hubei-projects-budget.txt"
PJ_TOTAL = "2024年收支总预算600.00万元，比2023年预算增加80.00万元，增长15.38%，主要原因是其他收入纳入预算。"
SH_CARS = "截至2024年12月31日，示例区示例局共有车辆3辆，其中：其他用车2辆、执法执勤用车1辆。"
SH_SANGONG = "2025年“三公”经费预算数为5.00万元，比2024年预算增加1.00万元，增长25.00%。其中："
FA_ITEM = "1、一般公共服务支出（类）财政事务（款）行政运行（项）。主要用于：机关运行。年初预算为72.00万元，支出决算为70.00万元，完成年初预算的97.22%。"


def fund(leaf: str, total: str = "100", occurrence: int = 1) -> Edit:
    return FUND_ROWS[0], FUND_ROWS[1].format(leaf=leaf, total=total), occurrence


CASES: dict[str, tuple[Path, list[Edit], list[Edit]]] = {
    # rule: (fixture, edits that make it fire, edits under which it runs and stays quiet)
    "A01": (HUBEI, [("五、其他收入\t100.00\t五、其他支出\t", "五、其他收入\t110.00\t五、其他支出\t")], []),
    "A01e": (HUBEI, [("收 入 总 计\t600.00\t支 出 总 计\t600.00", "收 入 总 计\t610.00\t支 出 总 计\t600.00")], []),
    "A02": (SHANGHAI, [("201\t03\t01\t行政运行\t600,000\t600,000\t0\t0\t0", "201\t03\t01\t行政运行\t600,100\t600,000\t0\t0\t0")], []),
    "A02h": (SHANGHAI, [("201\t\t\t一般公共服务支出\t850,000\t800,000\t0\t0\t50,000",
                         "201\t\t\t一般公共服务支出\t860,000\t810,000\t0\t0\t50,000")], []),
    "A03": (HUBEI, [("2010302\t一般行政管理事务\t150.00\t\t150.00\t\t\t", "2010302\t一般行政管理事务\t150.00\t\t150.10\t\t\t")], []),
    "A03h": (HUBEI, [("20802\t民政管理事务\t100.00\t\t100.00\t\t\t", "20802\t民政管理事务\t110.00\t\t110.00\t\t\t")], []),
    "A04": (HUBEI, [("（一）一般公共预算拨款\t500.00\t（一）一般公共服务支出\t350.00", "（一）一般公共预算拨款\t490.00\t（一）一般公共服务支出\t350.00")], []),
    "A04e": (HUBEI, [("收 入 总 计\t500.00\t支 出 总 计\t500.00", "收 入 总 计\t510.00\t支 出 总 计\t500.00")], []),
    "A04c": (SHANGHAI, [("一、一般公共预算资金\t950,000\t一、一般公共服务支出\t800,000\t800,000\t\t",
                         "一、一般公共预算资金\t950,000\t一、一般公共服务支出\t800,000\t790,000\t\t")], []),
    "A05": (HUBEI, [("2010302\t一般行政管理事务\t150.00\t\t\t\t150.00", "2010302\t一般行政管理事务\t160.00\t\t\t\t160.00")], []),
    "A05g": (SHANGHAI, [fund("90")], [fund("100")]),
    "A05s": (SHANGHAI, [fund("90", occurrence=2)], [fund("100", occurrence=2)]),
    "A06": (HUBEI, [("2010302\t一般行政管理事务\t150.00\t\t\t\t150.00", "2010302\t一般行政管理事务\t150.00\t\t\t\t150.10")], []),
    "A06b": (HUBEI, [("2010301\t行政运行\t200.00\t200.00\t150.00\t50.00\t", "2010301\t行政运行\t200.00\t200.00\t150.10\t50.00\t")], []),
    "A07": (HUBEI, [(UNIT_ROW, UNIT_ROW.replace("\t500.00\t", "\t510.00\t"))], []),
    "A07b": (HUBEI, [(UNIT_ROW, UNIT_ROW.replace("\t300.00\t", "\t300.10\t"))], []),
    "A07x": (HUBEI, [(B05_TOTAL, B05_TOTAL.replace("\t300.00\t50.00", "\t300.10\t49.90"), 2)], []),
    "A08": (HUBEI, [("30201\t办公费\t40.00\t\t40.00", "30201\t办公费\t41.00\t\t40.00")], []),
    "A08h": (HUBEI, [("30201\t办公费\t40.00\t\t40.00", "30201\t办公费\t41.00\t\t41.00")], []),
    "A10": (HUBEI, [("303\t对个人和家庭的补助\t50.00\t50.00\t", "303\t对个人和家庭的补助\t60.00\t60.00\t")], []),
    "A10b": (HUBEI, [("302\t商品和服务支出\t50.00\t\t50.00", "302\t商品和服务支出\t55.00\t\t55.00")], []),
    "X05": (HUBEI, [("2080505\t机关事业单位基本养老保险缴费支出\t50.00\t50.00\t50.00\t\t",
                     "2080505\t机关事业单位基本养老保险缴费支出\t60.00\t60.00\t60.00\t\t")], []),
    "X07": (HUBEI, [("30113\t住房公积金\t100.00\t100.00\t", "30113\t住房公积金\t90.00\t90.00\t")], []),
    "A11": (HUBEI, [("12.00\t\t10.00\t\t10.00\t2.00", "13.00\t\t10.00\t\t10.00\t2.00")], []),
    "A11b": (HUBEI, [("12.00\t\t10.00\t\t10.00\t2.00", "12.00\t\t10.00\t1.00\t10.00\t2.00")], []),
    "A12": (SHANGHAI, [fund("100", total="90")], [fund("100")]),
    "A12s": (SHANGHAI, [fund("100", total="90", occurrence=2)], [fund("100", occurrence=2)]),
    "X01": (SHANGHAI, [("四、其他收入\t50,000\t\t", "四、其他收入\t60,000\t\t"),
                       ("收入总计\t1,000,000\t支出总计\t1,000,000", "收入总计\t1,010,000\t支出总计\t1,000,000")], []),
    "X02": (HUBEI, [("\t合计\t600.00\t350.00\t250.00\t\t\t", "\t合计\t610.00\t360.00\t250.00\t\t\t")], []),
    "X02c": (HUBEI, [("四、事业收入\t\t四、住房保障支出\t100.00", "四、事业收入\t\t四、住房保障支出\t110.00")], []),
    "X03": (HUBEI, [("一、一般公共预算拨款收入\t500.00\t一、一般公共服务支出\t350.00", "一、一般公共预算拨款收入\t510.00\t一、一般公共服务支出\t350.00")], []),
    "X03b": (HUBEI, [("收 入 总 计\t500.00\t支 出 总 计\t500.00", "收 入 总 计\t700.00\t支 出 总 计\t500.00")], []),
    "X04": (HUBEI, [(B05_TOTAL, B05_TOTAL.replace("\t500.00\t350.00\t300.00", "\t510.00\t360.00\t310.00"), 1)], []),
    "X04c": (HUBEI, [("（三）国有资本经营预算拨款\t\t（三）住房保障支出\t100.00", "（三）国有资本经营预算拨款\t\t（三）住房保障支出\t110.00")], []),
    "X06": (HUBEI, [("\t合计\t350.00\t300.00\t50.00", "\t合计\t360.00\t310.00\t50.00")], []),
    "X08": (HUBEI, [("30231\t公务用车运行维护费\t10.00\t\t10.00", "30231\t公务用车运行维护费\t11.00\t\t11.00")], []),
    "X09": (SHANGHAI, [("二、政府性基金\t\t二、社会保障和就业支出\t100,000\t100,000\t\t",
                        "二、政府性基金\t5,000\t二、社会保障和就业支出\t100,000\t100,000\t\t")], []),
    "D01": (FINAL, [("八、其他收入\t5.00\t\t", "八、其他收入\t6.00\t\t")], []),
    "D01e": (FINAL, [("总计\t115.00\t总计\t115.00", "总计\t116.00\t总计\t115.00")], []),
    "D02": (FINAL, [("2010601\t行政运行\t93.00\t88.00\t\t\t\t\t5.00", "2010601\t行政运行\t93.00\t88.00\t\t\t\t\t6.00")], []),
    "D02h": (FINAL, [("20106\t财政事务\t93.00\t88.00\t\t\t\t\t5.00", "20106\t财政事务\t94.00\t89.00\t\t\t\t\t5.00")], []),
    "D02b": (FINAL, [("2010602\t一般行政管理事务\t20.00\t\t20.00\t\t\t", "2010602\t一般行政管理事务\t21.00\t\t20.00\t\t\t")], []),
    "D02c": (FINAL, [("20106\t财政事务\t90.00\t68.00\t22.00\t\t\t", "20106\t财政事务\t91.00\t69.00\t22.00\t\t\t")], []),
    "D02x": (FINAL, [("\t合计\t105.00\t100.00\t\t\t\t\t5.00", "\t合计\t106.00\t101.00\t\t\t\t\t5.00")], []),
    "D03": (FINAL, [("年初财政拨款结转和结余\t8.00\t年末财政拨款结转和结余\t11.00\t11.00\t\t",
                     "年初财政拨款结转和结余\t9.00\t年末财政拨款结转和结余\t11.00\t11.00\t\t")], []),
    "D03c": (FINAL, [("一、一般公共预算财政拨款\t100.00\t一、一般公共服务支出\t85.00\t85.00\t\t",
                      "一、一般公共预算财政拨款\t100.00\t一、一般公共服务支出\t86.00\t85.00\t\t")], []),
    "D03x": (FINAL, [("\t合计\t97.00\t80.00\t17.00", "\t合计\t98.00\t80.00\t18.00")], []),
    "D04": (FINAL, [("2010602\t一般行政管理事务\t15.00\t\t15.00", "2010602\t一般行政管理事务\t16.00\t\t15.00")], []),
    "D04h": (FINAL, [("20106\t财政事务\t85.00\t68.00\t17.00", "20106\t财政事务\t86.00\t69.00\t17.00")], []),
    "D04x": (FINAL, [("人员经费合计\t\t65.00\t公用经费合计\t\t15.00", "人员经费合计\t\t66.00\t公用经费合计\t\t15.00")], []),
    "D04h2": (FINAL, [("30101\t基本工资\t50.00\t30201\t办公费\t12.00", "30101\t基本工资\t51.00\t30201\t办公费\t12.00")], []),
    "D06": (FINAL, [("5.00\t3.00\t0\t0\t4.00\t2.50\t0\t0\t4.00\t2.50\t1.00\t0.50",
                     "5.00\t3.50\t0\t0\t4.00\t2.50\t0\t0\t4.00\t2.50\t1.00\t0.50")], []),
    "D06b": (FINAL, [("5.00\t3.00\t0\t0\t4.00\t2.50\t0\t0\t4.00\t2.50\t1.00\t0.50",
                      "5.00\t3.00\t0\t0\t4.00\t2.50\t0\t0\t4.00\t2.60\t1.00\t0.50")], []),
    "T01": (SHANGHAI, [("（三）公务接待费1.00万元，与2024年预算持平。", "（三）公务接待费1.50万元，与2024年预算持平。")], []),
    "P01": (SHANGHAI, [(SH_INCOME, SH_INCOME.replace("占5.00%", "占6.00%"))], []),
    "P04": (SHANGHAI, [(SH_SANGONG, SH_SANGONG.replace("增长25.00%", "增长20.00%"))], []),
    "P10": (SHANGHAI, [(SH_SANGONG, SH_SANGONG.replace("增长25.00%", "增长25.00"))], []),
    "D05": (FINAL, [(FA_ITEM, FA_ITEM.replace("97.22%", "96.22%"))], []),
    "P05": (PROJECTS, [(PJ_TOTAL, PJ_TOTAL.replace("增加80.00万元，增长15.38%", "增加100.00万元，增长20.00%"))], []),
    "P02": (SHANGHAI, [(SH_INCOME, SH_INCOME.replace("其他收入5.00万元", "其他收入15.00万元"))], []),
    "T13": (SHANGHAI, [(SH_CARS, SH_CARS.replace("其他用车2辆", "其他用车3辆"))], []),
    "D07": (FINAL, [(FA08[0], FA08[1].format(leaf="9.00"))], [(FA08[0], FA08[1].format(leaf="10.00"))]),
}


def test_every_rule_has_a_case(pack):
    assert set(all_cases()) == {r.id for r in pack.rules}


@pytest.mark.parametrize("rule_id", sorted(CASES))
def test_rule_fires(rule_id, pack, tmp_path):
    check_fires(CASES[rule_id], rule_id, pack, tmp_path)


@pytest.mark.parametrize("rule_id", sorted(CASES))
def test_rule_stays_quiet(rule_id, pack, tmp_path):
    check_quiet(CASES[rule_id], rule_id, pack, tmp_path)
