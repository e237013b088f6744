import type { CategoryNode, Product } from './models';

const CENTS_PER_UNIT = 100;

export function roundMoney(amount: number): number {
  return Math.round(amount * CENTS_PER_UNIT) / CENTS_PER_UNIT;
}

export function formatMoney(amount: number, currency: string): string {
  return `${roundMoney(amount).toFixed(2)} ${currency}`;
}

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const pages: T[][] = [];
  for (let start = 0; start < items.length; start += size) {
    pages.push(items.slice(start, start + size));
  }
  return pages;
}

/** Category paths such as `garden/tools/pruning`, parents before children. */
export function flattenCategories(node: CategoryNode, prefix = ''): string[] {
  const path = prefix ? `${prefix}/${node.name}` : node.name;
  const paths = [path];
  for (const child of node.children) {
    paths.push(...flattenCategories(child, path));
  }
  return paths;
}

export function averageQuantity(products: readonly Product[]): number {
  const count = products.length;
  if (count === 0) return 0;
  const total = products.reduce((sum, product) => sum + product.quantity, 0);
  return total / count;
}
