import { DEFAULT_CURRENCY, MAX_PAGE_SIZE, VAT_RATE } from './config';
import { fromRecord, type Product, type StockQuery } from './models';
import { bulkDiscount, quoteLine } from './pricing';
import type { InventoryRepository } from './repository';
import { chunk } from './utils';
import { productList } from './view';

const HTTP_OK = 200;
const HTTP_CREATED = 201;
const HTTP_BAD_REQUEST = 400;
const HTTP_NOT_FOUND = 404;

export interface Request {
  params: Record<string, string>;
  query: StockQuery;
  body?: unknown;
}

export interface Response {
  status: number;
  body: unknown;
}

export function getProduct(repository: InventoryRepository, request: Request): Response {
  const product = repository.find(request.params.sku ?? '');
  if (!product) return { status: HTTP_NOT_FOUND, body: { error: 'PRODUCT_NOT_FOUND' } };
  return { status: HTTP_OK, body: product };
}

export function deleteProduct(repository: InventoryRepository, request: Request): Response {
  if (!repository.remove(request.params.sku ?? '')) {
    return { status: HTTP_NOT_FOUND, body: { error: 'PRODUCT_NOT_FOUND' } };
  }
  return { status: HTTP_OK, body: { deleted: request.params.sku } };
}

export function quoteProduct(repository: InventoryRepository, request: Request): Response {
  const product = repository.find(request.params.sku ?? '');
  if (!product) return { status: HTTP_NOT_FOUND, body: { error: 'PRODUCT_NOT_FOUND' } };
  const quantity = Number(request.params.quantity ?? 1);
  const quote = quoteLine(product.unitPrice, quantity, bulkDiscount(quantity), VAT_RATE, DEFAULT_CURRENCY);
  return { status: HTTP_OK, body: quote };
}

export function searchProducts(repository: InventoryRepository, request: Request): Response {
  const products = repository.list();
  const query = request.query;
  const matches: Product[] = [];
  for (const product of products) {
    if (product.archived) continue;
    if (query.category && product.category !== query.category) continue;
    if (query.minStock !== undefined && product.quantity < query.minStock) continue;
    if (query.maxStock !== undefined && product.quantity > query.maxStock) continue;
    matches.push(product);
  }
  matches.sort((left, right) => left.sku.localeCompare(right.sku));
  const firstPage = chunk(matches, MAX_PAGE_SIZE)[0] ?? [];
  return { status: HTTP_OK, body: productList(firstPage, DEFAULT_CURRENCY) };
}

export function importBatch(repository: InventoryRepository, records: readonly unknown[]): Response {
  const errors: string[] = [];
  for (const page of chunk(records, MAX_PAGE_SIZE)) {
    for (const record of page) {
      if (record !== null && typeof record === 'object') {
        const product = fromRecord(record);
        if (product.sku) {
          if (repository.find(product.sku)) {
            errors.push(`duplicate sku ${product.sku}`);
          } else {
            repository.add(product);
          }
        }
      }
    }
  }
  return { status: errors.length > 0 ? HTTP_BAD_REQUEST : HTTP_CREATED, body: { errors } };
}
