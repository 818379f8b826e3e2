from decimal import Decimal

from budget_audit.numbers import Interval, parse_amount


def test_parses_printed_precision_and_unit():
    a = parse_amount("2,875.84", "万元")
    assert a is not None and a.value == Decimal("2875.84") and a.decimals == 2 and a.raw == "2,875.84"
    assert parse_amount("800", "万元").decimals == 0
    assert parse_amount("８００．００", "万元").value == Decimal("800.00")


def test_blank_and_dashes_are_empty_not_zero():
    for text in ("", "  ", "-", "—", None):
        assert parse_amount(text, "万元") is None
    assert parse_amount("0.00", "万元").value == 0


def test_text_is_not_an_amount():
    assert parse_amount("行政运行", "万元") is None
    assert parse_amount("12.3.4", "万元") is None


def test_interval_follows_printed_precision():
    assert parse_amount("800", "万元").interval == Interval(Decimal("799.5"), Decimal("800.5"))
    assert parse_amount("800.00", "万元").interval == Interval(Decimal("799.995"), Decimal("800.005"))


def test_yuan_are_converted_to_wan_exactly():
    a = parse_amount("189,767,551", "元")
    assert a.wan == Decimal("18976.7551")
    assert a.interval.lo == Decimal("18976.75505")


def test_intervals_meet_within_rounding_only():
    total = parse_amount("10.00", "万元").interval
    parts = parse_amount("3.33", "万元").interval + parse_amount("3.33", "万元").interval + parse_amount("3.33", "万元").interval
    assert total.meets(parts)  # 9.99 vs 10.00: three roundings of 0.005 allow it
    assert not parse_amount("10.00", "万元").interval.meets(parse_amount("9.97", "万元").interval)
