"""Every number, money and date form Excel users type is accepted; ambiguous ones are not."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from generator.model.values import parse_date, parse_decimal, parse_int


@pytest.mark.parametrize(
    "text, expected",
    [
        ("1234.50", "1234.50"),
        ("1,234.50", "1234.50"),
        ("12,345,678", "12345678"),
        ("１２３４", "1234"),
        ("１，２３４．５０", "1234.50"),
        ("¥1,200", "1200"),
        ("￥ 88.8", "88.8"),
        ("300元", "300"),
        (" 0.85 ", "0.85"),
        ("-12.5", "-12.5"),
        ("RMB 5", "5"),
    ],
)
def test_accepted_numbers(text: str, expected: str) -> None:
    value = parse_decimal(text)
    assert isinstance(value, Decimal) and value == Decimal(expected)
    assert str(value) == expected  # exact digits kept, never via float


@pytest.mark.parametrize("text", ["1.234,50", "12,34", "1,2345", "abc", "", "1e5", "12.3.4", "--1"])
def test_rejected_numbers(text: str) -> None:
    with pytest.raises(ValueError) as err:
        parse_decimal(text)
    assert "数字" in str(err.value)


def test_counts_must_be_whole() -> None:
    assert parse_int("1,200") == 1200
    with pytest.raises(ValueError):
        parse_int("12.5")


@pytest.mark.parametrize(
    "text",
    ["2026-07-01", "2026/7/1", "2026/07/01", "2026.7.1", "2026年7月1日", "２０２６年７月１日", "2026-07-01 00:00:00", "2026/7/1 0:00"],
)
def test_accepted_dates(text: str) -> None:
    assert parse_date(text) == date(2026, 7, 1)


@pytest.mark.parametrize("text", ["7/1/2026", "01/07/2026", "2026-02-30", "20260701", "2026年7月", "2026-07-01 13:30"])
def test_rejected_dates(text: str) -> None:
    with pytest.raises(ValueError) as err:
        parse_date(text)
    assert "日期" in str(err.value)
