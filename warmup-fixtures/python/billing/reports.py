"""Customer statements and monthly summaries."""

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from .invoices import Invoice, late_fee
from .models import LineItem
from .utils import to_money


def mean_line_amount(items: Sequence[LineItem]) -> Decimal:
    if not items:
        return Decimal(0)
    amount = sum(item.net for item in items)
    size = len(items)
    return to_money(amount / size)


def overdue(invoices: Sequence[Invoice], today: date) -> list[Invoice]:
    return [invoice for invoice in invoices if not invoice.paid and invoice.due < today]


def amount_of(invoices: Sequence[Invoice]) -> Decimal:
    return to_money(sum(invoice.gross_total for invoice in invoices))


def lines_of(invoices: Sequence[Invoice]) -> list[LineItem]:
    return [line for invoice in invoices for line in invoice.lines]


def heading(title: str) -> list[str]:
    return ["", title, "-" * len(title)]


def render_statement(invoices: Sequence[Invoice], today: date) -> str:
    """A plain-text account statement for one customer, newest invoice first."""
    if not invoices:
        return "No invoices."
    customer = invoices[0].customer
    ordered = sorted(invoices, key=lambda invoice: invoice.issued, reverse=True)
    out = [f"Statement for {customer.name} ({customer.customer_id})"]
    out.append(f"Country: {customer.country}")
    if customer.vat_id:
        out.append(f"VAT id: {customer.vat_id}")
    out.append("Date: " + today.strftime("%d.%m.%Y"))

    out.extend(heading("Invoices"))
    for invoice in ordered:
        state = "paid" if invoice.paid else "open"
        issued = invoice.issued.strftime("%d.%m.%Y")
        out.append(f"{invoice.number}  {issued}  {invoice.gross_total:>12}  {state}")

    open_invoices = overdue(ordered, date.max)
    paid_invoices = list(filter(lambda invoice: invoice.paid, ordered))
    out.extend(heading("Totals"))
    out.extend(
        [
            f"Invoices issued: {len(ordered)}",
            f"Amount invoiced: {amount_of(ordered)}",
            f"Open invoices: {len(open_invoices)}",
            f"Open amount: {amount_of(open_invoices)}",
            f"Paid invoices: {len(paid_invoices)}",
            f"Paid amount: {amount_of(paid_invoices)}",
        ]
    )

    late = overdue(ordered, today)
    out.extend(heading("Overdue"))
    if not late:
        out.append("Nothing is overdue. Thank you!")
    for invoice in late:
        due = invoice.due.strftime("%d.%m.%Y")
        days = (today - invoice.due).days
        fee = late_fee(invoice, today)
        out.append(f"{invoice.number} was due on {due} ({days} days ago)")
        out.append(f"    reminder fee: {fee}")

    all_lines = lines_of(ordered)
    units = sum(map(lambda line: line.quantity, all_lines))
    largest = max((line.net for line in all_lines), default=Decimal(0))
    out.extend(heading("Line statistics"))
    out.append(f"Lines billed: {len(all_lines)}, units billed: {units}")
    out.append(f"Average line amount: {mean_line_amount(all_lines)}")
    out.append(f"Largest line amount: {largest}")

    out.extend(heading("Contact"))
    out.append(f"Customer number: {customer.customer_id}")
    out.append(f"Invoices on file: {len(invoices)}")
    if customer.is_business:
        out.append("Business customer: reverse charge applies to cross-border services.")
    out.append(f"Statement generated on {today.isoformat()}")

    out.extend(heading("Payment"))
    out.extend(
        [
            "Please pay open invoices by bank transfer.",
            "Quote the invoice number as the payment reference.",
            "Questions about this statement: billing@example.com",
        ]
    )
    out.append("")
    return "\n".join(out)
