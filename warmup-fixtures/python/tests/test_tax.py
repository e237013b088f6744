from datetime import date
from decimal import Decimal

from billing.invoices import Invoice
from billing.models import Category, Customer, LineItem
from billing.tax import apply_custom_rule, invoice_tax, tax_rate

BERLIN = Customer("C-1", "Kiosk am Ufer", "DE")
VIENNA = Customer("C-2", "Wiener Buchladen", "AT")
LYON_BUSINESS = Customer("C-3", "Atelier Lumière", "FR", is_business=True, vat_id="FR123")
OSLO = Customer("C-4", "Fjord AS", "NO")


def test_home_country_rates():
    assert tax_rate(BERLIN, Category.GOODS) == Decimal("0.19")
    assert tax_rate(BERLIN, Category.FOOD) == Decimal("0.07")


def test_austrian_books_use_the_standard_rate():
    assert tax_rate(VIENNA, Category.BOOKS) == Decimal("0.20")


def test_reverse_charge_and_export_are_untaxed():
    assert tax_rate(LYON_BUSINESS, Category.SERVICES) == 0
    assert tax_rate(OSLO, Category.GOODS) == 0


def test_invoice_tax_sums_the_lines():
    invoice = Invoice("INV-000001", BERLIN, date(2024, 3, 1))
    invoice.lines.append(LineItem("TEA-1", "Green tea", 10, Decimal("4.00"), Category.FOOD))
    invoice.lines.append(LineItem("MUG-1", "Mug", 2, Decimal("12.50")))
    assert invoice_tax(invoice) == Decimal("7.55")


def test_custom_rule():
    assert apply_custom_rule("amount / 4", Decimal(10)) == Decimal("2.50")
