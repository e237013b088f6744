"""VAT rates per destination country and product category."""

from decimal import Decimal

from . import invoices
from .models import Category, Customer
from .utils import to_money

ZERO = Decimal(0)
HOME_COUNTRY = "DE"
EU_COUNTRIES = frozenset({"DE", "AT", "FR", "NL", "BE", "IT"})
RATES = {
    "DE": (Decimal("0.19"), Decimal("0.07")),
    "AT": (Decimal("0.20"), Decimal("0.10")),
    "FR": (Decimal("0.20"), Decimal("0.055")),
    "NL": (Decimal("0.21"), Decimal("0.09")),
    "BE": (Decimal("0.21"), Decimal("0.06")),
    "IT": (Decimal("0.22"), Decimal("0.04")),
}


def tax_rate(customer: Customer, category: Category) -> Decimal:
    standard, reduced = RATES.get(customer.country, (ZERO, ZERO))
    if customer.country not in EU_COUNTRIES:
        return ZERO
    elif customer.is_business and customer.vat_id and customer.country != HOME_COUNTRY:
        return ZERO
    elif category is Category.SERVICES and customer.is_business:
        return standard
    elif customer.country == "FR" and category is Category.BOOKS:
        return reduced
    elif customer.country == "IT" and (category is Category.FOOD or category is Category.BOOKS):
        return reduced
    elif category is Category.FOOD:
        return reduced
    elif category is Category.BOOKS and customer.country != "AT":
        return reduced
    return standard


def invoice_tax(invoice: "invoices.Invoice") -> Decimal:
    return to_money(sum(line.net * tax_rate(invoice.customer, line.category) for line in invoice.lines))


def apply_custom_rule(expression: str, amount: Decimal) -> Decimal:
    """Evaluates a rule typed by the accountant, such as ``amount * 0.5``."""
    result = eval(expression, {"__builtins__": {}}, {"amount": amount})
    return to_money(result)
