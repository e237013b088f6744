/** Domain types of the inventory service. */

export enum Category {
  Hardware = 'hardware',
  Garden = 'garden',
  Kitchen = 'kitchen',
}

export interface Product {
  sku: string;
  name: string;
  category: Category;
  unitPrice: number;
  quantity: number;
  archived: boolean;
}

export interface StockQuery {
  category?: Category;
  minStock?: number;
  maxStock?: number;
}

export interface CategoryNode {
  name: string;
  children: CategoryNode[];
}

export interface AuditEntry {
  sku: string;
  action: string;
  revision: number;
}

/** Builds a product from an untyped record (JSON body, CSV row, database row). */
export function fromRecord(record: any): Product {
  return {
    sku: String(record.sku ?? ''),
    name: String(record.name ?? ''),
    category: record.category as Category,
    unitPrice: Number(record.unitPrice),
    quantity: Number(record.quantity),
    archived: Boolean(record.archived),
  };
}

export function isInStock(product: Product): boolean {
  return !product.archived && product.quantity > 0;
}
