"""Plain data types shared by the billing modules."""

from dataclasses import dataclass
from decimal import Decimal
from enum import Enum


class Category(Enum):
    GOODS = "goods"
    FOOD = "food"
    BOOKS = "books"
    SERVICES = "services"


@dataclass(frozen=True)
class Customer:
    customer_id: str
    name: str
    country: str
    is_business: bool = False
    vat_id: str | None = None


@dataclass(frozen=True)
class LineItem:
    sku: str
    description: str
    quantity: int
    unit_price: Decimal
    category: Category = Category.GOODS
    discount: Decimal = Decimal(0)

    @property
    def net(self) -> Decimal:
        return self.unit_price * self.quantity - self.discount
