import { recordChange } from './audit';
import { isInStock, type Product } from './models';

let revision = 0;

function nextRevision(): number {
  revision += 1;
  return revision;
}

/** In-memory product store keyed by SKU. */
export class InventoryRepository {
  private readonly products = new Map<string, Product>();

  add(product: Product): void {
    this.products.set(product.sku, product);
    recordChange(product.sku, 'add', nextRevision());
  }

  find(sku: string): Product | undefined {
    return this.products.get(sku);
  }

  remove(sku: string): boolean {
    const removed = this.products.delete(sku);
    if (removed) recordChange(sku, 'remove', nextRevision());
    return removed;
  }

  adjustStock(sku: string, delta: number): Product | undefined {
    const product = this.products.get(sku);
    if (!product) return undefined;
    const updated = { ...product, quantity: Math.max(0, product.quantity + delta) };
    this.products.set(sku, updated);
    recordChange(sku, 'adjust', nextRevision());
    return updated;
  }

  list(): Product[] {
    return [...this.products.values()];
  }

  available(): Product[] {
    return this.list().filter(isInStock);
  }
}

export function countProducts(repository: InventoryRepository): number {
  return repository.list().length;
}
