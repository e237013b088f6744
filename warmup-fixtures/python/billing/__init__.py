"""Billing: invoices, VAT and reports for the shop back office."""

from .invoices import Invoice, next_invoice_number
from .models import Category, Customer, LineItem
from .tax import tax_rate

__all__ = ["Category", "Customer", "Invoice", "LineItem", "next_invoice_number", "tax_rate"]
