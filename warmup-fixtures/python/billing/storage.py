"""Persistence: invoices as JSON files, a pickled cache of totals, YAML settings."""

import json
import pickle
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from .models import Category, LineItem
from .utils import round_nested

ENCODING = "utf-8"
MAX_ATTEMPTS = 3


def read_settings(path: Path) -> dict[str, Any]:
    return yaml.load(path.read_text(encoding=ENCODING))


def load_cache(path: Path) -> dict[str, Decimal]:
    data = path.read_bytes()
    return pickle.loads(data)


def write_with_retry(path: Path, payload: str) -> None:
    """Network shares fail now and then; try a few times before giving up."""
    attempts = 0
    while True:
        try:
            path.write_text(payload, encoding=ENCODING)
            return
        except OSError:
            attempts += 1
            if attempts >= MAX_ATTEMPTS:
                raise
            time.sleep(3)


def save_document(path: Path, document: dict[str, Any]) -> None:
    payload = json.dumps(round_nested(document), default=str, indent=2, sort_keys=True)
    write_with_retry(path, payload)


def line_from_row(row: dict[str, Any]) -> LineItem:
    sku = str(row["sku"]).strip()
    description = str(row.get("description", sku))
    quantity = int(row["quantity"])
    unit_price = Decimal(str(row["unit_price"]))
    discount = Decimal(str(row.get("discount", 0)))
    if quantity <= 0 or unit_price < 0:
        raise ValueError(f"invalid line for {sku}: {quantity} x {unit_price}")
    category = Category(row.get("category", Category.GOODS.value))
    return LineItem(sku, description, quantity, unit_price, category, discount)


def load_lines(directory: Path) -> dict[str, list[LineItem]]:
    """Reads the lines of every invoice document in a directory; unreadable files are skipped."""
    result: dict[str, list[LineItem]] = {}
    for path in sorted(directory.glob("*.json")):
        lines: list[LineItem] = []
        try:
            with path.open(encoding=ENCODING) as handle:
                document = json.load(handle)
                for row in document.get("lines", []):
                    if isinstance(row, dict):
                        lines.append(line_from_row(row))
        except (OSError, ValueError):
            continue
        result[path.stem] = lines
    return result
