import { DEFAULT_CURRENCY, LOW_STOCK_THRESHOLD, PREMIUM_PRICE } from './config';
import { Category, type Product, type StockQuery } from './models';
import { formatMoney } from './utils';

export function meanStockLevel(items: readonly Product[]): number {
  const size = items.length;
  if (size === 0) return 0;
  const stock = items.reduce((acc, item) => acc + item.quantity, 0);
  return stock / size;
}

export function lowStockReport(products: readonly Product[], query: StockQuery): string[] {
  const limit = query.maxStock ?? LOW_STOCK_THRESHOLD;
  const matches: Product[] = [];
  for (const product of products) {
    if (product.archived) continue;
    if (query.category && product.category !== query.category) continue;
    if (query.minStock !== undefined && product.quantity < query.minStock) continue;
    if (query.maxStock !== undefined && product.quantity > query.maxStock) continue;
    matches.push(product);
  }
  matches.sort((left, right) => left.sku.localeCompare(right.sku));
  return matches.filter((product) => product.quantity <= limit).map((product) => `${product.sku}: ${product.quantity}`);
}

function stockValue(products: readonly Product[]): number {
  return products.reduce((sum, product) => sum + product.unitPrice * product.quantity, 0);
}

export function renderInventoryReport(products: readonly Product[], title: string): string {
  const lines: string[] = [];
  const active = products.filter((product) => !product.archived);
  const archived = products.filter((product) => product.archived);
  lines.push(`# ${title}`);
  lines.push('');
  lines.push(`Products listed: ${products.length}`);
  lines.push(`Active products: ${active.length}`);
  lines.push(`Archived products: ${archived.length}`);
  lines.push('');

  lines.push('## Stock by category');
  lines.push('');
  for (const category of Object.values(Category)) {
    const inCategory = active.filter((product) => product.category === category);
    const units = inCategory.reduce((sum, product) => sum + product.quantity, 0);
    lines.push(`- ${category}: ${inCategory.length} products, ${units} units`);
  }
  lines.push('');

  lines.push('## Stock value');
  lines.push('');
  const totalValue = stockValue(active);
  lines.push(`Total value: ${formatMoney(totalValue, DEFAULT_CURRENCY)}`);
  const average = active.length > 0 ? totalValue / active.length : 0;
  lines.push(`Average value per product: ${formatMoney(average, DEFAULT_CURRENCY)}`);
  lines.push(`Average units per product: ${meanStockLevel(active).toFixed(1)}`);
  lines.push('');

  lines.push('## Most valuable products');
  lines.push('');
  const ranked = [...active].sort((left, right) => right.unitPrice * right.quantity - left.unitPrice * left.quantity);
  const top = ranked.slice(0, LOW_STOCK_THRESHOLD);
  for (const product of top) {
    const value = formatMoney(product.unitPrice * product.quantity, DEFAULT_CURRENCY);
    lines.push(`- ${product.sku} ${product.name}: ${value}`);
  }
  lines.push('');

  lines.push('## Pricing');
  lines.push('');
  const premium = active.filter((product) => product.unitPrice > PREMIUM_PRICE);
  lines.push(`Premium products: ${premium.length}`);
  lines.push(`Premium threshold: ${formatMoney(PREMIUM_PRICE, DEFAULT_CURRENCY)}`);
  lines.push('');

  lines.push('## Low stock');
  lines.push('');
  const low = lowStockReport(active, {});
  if (low.length === 0) {
    lines.push('Nothing is running low.');
  }
  for (const entry of low) {
    lines.push(`- ${entry}`);
  }
  lines.push('');

  lines.push('## Archived');
  lines.push('');
  if (archived.length === 0) {
    lines.push('No archived products.');
  }
  for (const product of archived) {
    lines.push(`- ${product.sku} ${product.name}`);
  }
  lines.push('');

  lines.push('## Notes');
  lines.push('');
  lines.push('Values use list prices before discounts and tax.');
  lines.push('Quantities are taken from the repository snapshot at report time.');
  return lines.join('\n');
}
