"""Small helpers with no billing knowledge."""

from collections.abc import Iterator, Sequence
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from .models import LineItem

CENT = Decimal("0.01")


def to_money(value: Decimal | int | str) -> Decimal:
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def round_nested(value: Any) -> Any:
    """Rounds every Decimal inside nested dicts and lists, e.g. before writing JSON."""
    if isinstance(value, Decimal):
        return to_money(value)
    if isinstance(value, dict):
        return {key: round_nested(item) for key, item in value.items()}
    if isinstance(value, list):
        return [round_nested(item) for item in value]
    return value


def chunked(items: Sequence[Any], size: int) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def average_line(lines: Sequence[LineItem]) -> Decimal:
    if not lines:
        return Decimal(0)
    total = sum(line.net for line in lines)
    count = len(lines)
    return to_money(total / count)
