"""Invoices: numbering, lines, totals and payment terms."""

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from .models import Category, Customer, LineItem
from .tax import invoice_tax
from .utils import to_money

PAYMENT_TERM_DAYS = 14

invoice_counter = 0


def next_invoice_number() -> str:
    global invoice_counter
    invoice_counter += 1
    return f"INV-{invoice_counter:06d}"


@dataclass
class Invoice:
    number: str
    customer: Customer
    issued: date
    lines: list[LineItem] = field(default_factory=list)
    paid: bool = False

    def add_line(self, sku: str, description: str, quantity: int, unit_price: Decimal, discount: Decimal) -> LineItem:
        line = LineItem(sku, description, quantity, unit_price, Category.GOODS, discount)
        self.lines.append(line)
        return line

    @property
    def net_total(self) -> Decimal:
        return to_money(sum(line.net for line in self.lines))

    @property
    def tax_total(self) -> Decimal:
        return invoice_tax(self)

    @property
    def gross_total(self) -> Decimal:
        return self.net_total + self.tax_total

    @property
    def due(self) -> date:
        return self.issued + timedelta(days=PAYMENT_TERM_DAYS)


def late_fee(invoice: Invoice, today: date) -> Decimal:
    """Reminder fee agreed in the general terms and conditions."""
    days_late = (today - invoice.due).days
    if invoice.paid or days_late <= 0:
        return Decimal(0)
    if days_late > 60:
        return to_money(invoice.gross_total * Decimal("0.05") + 40)
    if days_late > 30:
        return Decimal(15)
    return Decimal(5)


def new_invoice(customer: Customer, issued: date) -> Invoice:
    return Invoice(next_invoice_number(), customer, issued)
