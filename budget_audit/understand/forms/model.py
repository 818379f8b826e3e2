"""The project forms as read: procurement and service lists, the overall performance form,
one performance form per project. Every amount is a Figure (Amount + where it is printed)."""

from __future__ import annotations

from dataclasses import dataclass, field

from budget_audit.document import Cell, Location
from budget_audit.understand.forms.cells import Coded, Share
from budget_audit.understand.model import Figure, ReportTable


@dataclass
class ListRow:
    """A row of 项目支出表 / 政府采购表 / 购买服务表 (one project, item or service)."""

    project: str
    location: Location
    unit: str = ""
    amount: Figure | None = None
    item: Coded | None = None  # 政府采购品目 (A 货物 / B 工程 / C 服务)
    function: Coded | None = None  # 功能科目
    economic: Coded | None = None  # 部门支出经济分类
    quantity: str = ""
    price: Figure | None = None
    sme: Figure | None = None  # 面向中小企业
    small: Figure | None = None  # 面向小微企业
    includes_procurement: bool | None = None  # 是否包含政府采购 (是/否)
    content: str = ""  # 政府购买服务内容

    @property
    def category(self) -> str | None:
        """A / B / C from the 品目 code."""
        code = self.item.code if self.item else None
        return code[0].upper() if code and code[0].isalpha() else None


@dataclass
class ListTable:
    """政府采购表, 购买服务表 or 项目支出表: data rows and the printed 合计 row."""

    table: ReportTable
    rows: list[ListRow] = field(default_factory=list)
    total: ListRow | None = None
    columns: list[str] = field(default_factory=list)  # the fields found in the header
    problems: list[str] = field(default_factory=list)

    @property
    def readable(self) -> bool:
        return not self.problems


@dataclass
class ShareLine:
    """A 收入构成 / 支出构成 line of the overall form: amount, share, the 近两年 columns."""

    label: str
    location: Location
    amount: Figure | None = None
    share: Share | None = None
    years: dict[str, Figure] = field(default_factory=dict)  # '2022年' → figure
    is_total: bool = False


@dataclass
class ProjectLine:
    """A project named in a list (整体绩效 项目支出情况, 项目支出表)."""

    name: str
    location: Location
    total: Figure | None = None  # 项目总预算
    current: Figure | None = None  # 项目本年度预算


@dataclass
class Overview:
    """部门整体绩效目标申报表."""

    table: ReportTable
    income: list[ShareLine] = field(default_factory=list)
    spending: list[ShareLine] = field(default_factory=list)
    years: list[str] = field(default_factory=list)
    projects: list[ProjectLine] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # 收入构成 / 支出构成 not readable
    project_problems: list[str] = field(default_factory=list)  # 项目支出情况 not readable

    @property
    def readable(self) -> bool:
        return not self.problems


@dataclass
class FundingLine:
    label: str
    location: Location
    amount: Figure | None = None


@dataclass
class DetailLine:
    """A 项目支出明细 line: content, 测算依据 text, the amounts it prints."""

    texts: list[str]
    location: Location
    amounts: list[Figure] = field(default_factory=list)


@dataclass
class PlanItem:
    """An item of the 资产配置及采购计划: 品名, 数量, 金额."""

    name: str
    location: Location
    quantity: str = ""
    amount: Figure | None = None


@dataclass
class Indicator:
    """A 年度绩效目标表 indicator row with its 指标分值权重."""

    name: str
    location: Location
    weight: Figure | None = None


@dataclass
class ProjectForm:
    """项目支出绩效目标申报表 of one project, with the sub-tables printed after it."""

    table: ReportTable
    name: str = ""
    name_location: Location | None = None
    budget: Figure | None = None  # 项目当年预算
    funding_total: Figure | None = None  # 当年预算合计
    funding: list[FundingLine] = field(default_factory=list)
    details: list[DetailLine] = field(default_factory=list)
    plan: list[PlanItem] = field(default_factory=list)
    plan_problems: list[str] = field(default_factory=list)
    indicators: list[Indicator] = field(default_factory=list)
    declared_weight: Figure | None = None  # 指标权重比例
    weight_problems: list[str] = field(default_factory=list)
    seen: set[str] = field(default_factory=set)  # sections found: funding, details, plan, indicators


@dataclass
class TargetValue:
    """One printing of an indicator's value (“≥6户”) and the column it is printed in:
    长期 (长期绩效目标表), 前年 / 上年 / 当年 (年度绩效目标表), '' when the row's values cannot
    be told apart."""

    text: str
    column: str
    location: Location


@dataclass
class Target:
    """A 三级指标 of a 长期 or 年度 绩效目标表, with its values in the order printed."""

    name: str  # '' when the row prints no name of its own
    table: str  # 长期 | 年度
    location: Location
    values: list[TargetValue] = field(default_factory=list)
    repeated_category: str = ""  # a 二级指标 printed again where the 三级指标 name belongs


@dataclass
class TargetSheet:
    """The indicators of one performance form (B13 or B14) and its other text cells."""

    table: ReportTable
    form: str  # B13 | B14
    project: str = ""  # the B14's 项目名称
    targets: list[Target] = field(default_factory=list)
    texts: list[list[Cell]] = field(default_factory=list)  # rows outside the indicator tables


@dataclass
class Forms:
    """Everything read from the project forms of one report."""

    project_lists: list[ListTable] = field(default_factory=list)  # 项目支出表 (B10)
    procurement: list[ListTable] = field(default_factory=list)  # 政府采购表 (B11)
    services: list[ListTable] = field(default_factory=list)  # 购买服务表 (B12)
    overviews: list[Overview] = field(default_factory=list)  # 整体绩效目标表 (B13)
    projects: list[ProjectForm] = field(default_factory=list)  # 项目绩效目标表 (B14)
    sheets: list[TargetSheet] = field(default_factory=list)  # the indicators of B13 and B14
