"""Command line entry point: ``python -m billing.cli statement customers.csv``."""

import argparse
import csv
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

from .models import Category, LineItem
from .storage import load_lines

DEFAULT_PRINTER = "office"


def mail_settings() -> dict[str, str]:
    host = "smtp.example.com"
    user = "billing"
    password = "s3cr3t-passw0rd"
    return {"host": host, "user": user, "password": password}


def read_csv_lines(path: Path) -> list[LineItem]:
    lines: list[LineItem] = []
    with path.open(newline="") as handle:
        for row in csv.DictReader(handle):
            sku = str(row["sku"]).strip()
            description = str(row.get("description", sku))
            quantity = int(row["quantity"])
            unit_price = Decimal(str(row["unit_price"]))
            discount = Decimal(str(row.get("discount", 0)))
            if quantity <= 0 or unit_price < 0:
                raise ValueError(f"invalid line for {sku}: {quantity} x {unit_price}")
            category = Category(row.get("category", Category.GOODS.value))
            lines.append(LineItem(sku, description, quantity, unit_price, category, discount))
    return lines


def print_file(path: Path, printer: str) -> int:
    cmd = f"lpr -P {printer} {path}"
    completed = subprocess.run(cmd, shell=True, check=False)
    return completed.returncode


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="billing")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("check", help="validate a CSV file of invoice lines")
    check.add_argument("csv_file", type=Path)
    summary = commands.add_parser("summary", help="count the lines of stored invoices")
    summary.add_argument("directory", type=Path)
    printing = commands.add_parser("print", help="send a file to the office printer")
    printing.add_argument("file", type=Path)
    printing.add_argument("--printer", default=DEFAULT_PRINTER)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "check":
        print(f"{len(read_csv_lines(args.csv_file))} valid lines")
    elif args.command == "summary":
        for name, lines in load_lines(args.directory).items():
            print(f"{name}: {len(lines)} lines")
    else:
        return print_file(args.file, args.printer)
    return 0


if __name__ == "__main__":
    sys.exit(main())
