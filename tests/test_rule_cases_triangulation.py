"""Rule cases of rules/triangulation.yaml: each fires on an edit of a made-up fixture, and runs
and stays quiet on another."""

from __future__ import annotations

from pathlib import Path

from conftest import FIXTURES
from rulecases import Edit, fire_and_quiet

SHANGHAI, FINAL = FIXTURES / "shanghai-style-budget.txt", FIXTURES / "final-accounts.txt"
SH_ITEM = ("1.“一般公共服务支出（类）政府办公厅（室）及相关机构事务（款）行政运行（项）”60.00万元，主要用于机关运行。"
           "2024年当年预算执行数为50.00万元，2025年预算安排60.00万元，比2024年预算执行数增加20.00%。主要原因是人员增加。")
FA_ITEM = ("1、一般公共服务支出（类）财政事务（款）行政运行（项）。主要用于：机关运行。"
           "年初预算为72.00万元，支出决算为70.00万元，完成年初预算的97.22%。")

CARS = "（二）公务用车购置及运行费4.00万元。其中：公务用车购置费0万元；公务用车运行费4.00万元。"
CARS_FLAT = ("（二）公务用车购置及运行费4.00万元，与2024年预算持平。其中：公务用车购置费0万元，与2024年预算持平；"
             "公务用车运行费4.00万元，比2024年预算增加1.00万元。")

FA_SECTION = "五、一般公共预算财政拨款支出决算情况说明"
FA_CHANGES = ("四、财政拨款收入支出决算总体情况说明\n\n示例区示例局2024年度财政拨款收入支出总计108.00万元，{total}。\n\n"
              + FA_SECTION + "\n\n（一）一般公共预算财政拨款支出决算总体情况\n\n"
              "一般公共预算财政拨款支出97.00万元，比2023年度增加10.00万元，增长11.49%。")


def _swap(line: str, old: str, new: str) -> Edit:
    assert old in line
    return line, line.replace(old, new)


CASES: dict[str, tuple[Path, list[Edit], list[Edit]]] = {
    "T14": (SHANGHAI, [_swap(SH_ITEM, "预算安排60.00", "预算安排66.00")], []),
    "P09": (SHANGHAI, [(CARS, CARS_FLAT)], [(CARS, CARS_FLAT.replace("与2024年预算持平。", "比2024年预算增加1.00万元。"))]),
    "P11": (FINAL, [(FA_SECTION, FA_CHANGES.format(total="与2023年度持平"))],
            [(FA_SECTION, FA_CHANGES.format(total="比2023年度增加13.00万元"))]),
    "P07": (FINAL, [(FA_ITEM, FA_ITEM + "决算数大于预算数的主要原因是人员减少。")],
            [(FA_ITEM, FA_ITEM + "决算数小于预算数的主要原因是人员减少。")]),
}


test_rule_fires, test_rule_stays_quiet = fire_and_quiet(CASES)
