"""Rule cases of rules/wording.yaml: what the report calls itself, the body it names, the
date of its assets and the components it lists, against its own cover and tables."""

from __future__ import annotations

from pathlib import Path

from conftest import FIXTURES
from rulecases import Edit, fire_and_quiet

BUDGET, FINAL = FIXTURES / "complete-budget.txt", FIXTURES / "complete-final-accounts.txt"
COVER = "示例区2025年区级部门预算"
CAPTION = "编制部门：示例区示例局 单位：元"
BUDGET_ASSETS = "截至2024年12月31日，示例区示例局共有车辆3辆，其中：其他用车2辆、执法执勤用车1辆。"
FINAL_ASSETS = "截至2024年12月31日，示例区示例局共有车辆1辆，其中：其他用车1辆。"
SANGONG_HEADING = "七、财政拨款“三公”经费支出决算情况说明"
WAGE_ROW = "30101\t基本工资\t50.00\t30201\t办公费\t12.00"


def components(people: str, public: str = "主要包括：办公费、公务接待费") -> Edit:
    """A 基本支出 section listing the components, before the 三公 section."""
    section = (f"六、一般公共预算财政拨款基本支出决算情况说明\n\n一般公共预算财政拨款基本支出80.00万元。其中：人员经费65.00万元，"
               f"{people}；公用经费15.00万元，{public}。\n\n{SANGONG_HEADING}")
    return SANGONG_HEADING, section


BONUS_ROW: Edit = (WAGE_ROW, WAGE_ROW + "\n30103\t奖金\t0.00\t\t\t")

CASES: dict[str, tuple[Path, list[Edit], list[Edit]]] = {
    "C18b": (BUDGET, [(COVER, "示例区2025年区级单位预算")], []),
    "C18c": (BUDGET, [(CAPTION, "编制部门：示例市示例局 单位：元")], []),
    "C17b": (FINAL, [(FINAL_ASSETS, FINAL_ASSETS.replace("2024年", "2023年"))], []),
    "C17c": (BUDGET, [(BUDGET_ASSETS, BUDGET_ASSETS.replace("2024年12月31日", "2025年3月31日"))], []),
    "T15": (FINAL, [BONUS_ROW, components("主要包括：基本工资、奖金、退休费")],
            [BONUS_ROW, components("主要包括：基本工资、机关事业单位基本养老保险缴费、退休费")]),
}


test_rule_fires, test_rule_stays_quiet = fire_and_quiet(CASES)
