/** Service settings. Values come from the deployment, with defaults for local runs. */

export const DEFAULT_CURRENCY = 'EUR';
export const VAT_RATE = 0.2;
export const LOW_STOCK_THRESHOLD = 5;
export const MAX_PAGE_SIZE = 100;
export const PREMIUM_PRICE = 500;
export const DOMESTIC = 'domestic';

const DB_HOST = 'db.internal';
const DB_PORT = 5432;
const DB_USER = 'inventory';
const dbPassword = 'hunter2hunter2';

export function connectionString(): string {
  return `postgres://${DB_USER}:${dbPassword}@${DB_HOST}:${DB_PORT}/${DB_USER}`;
}
