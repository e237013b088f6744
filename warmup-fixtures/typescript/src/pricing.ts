import { DOMESTIC, LOW_STOCK_THRESHOLD, PREMIUM_PRICE } from './config';
import { Category, type Product } from './models';
import { formatMoney, roundMoney } from './utils';

export interface Quote {
  net: number;
  tax: number;
  gross: number;
  label: string;
}

export function quoteLine(unitPrice: number, quantity: number, discountRate: number, taxRate: number, currency: string): Quote {
  const net = roundMoney(unitPrice * quantity * (1 - discountRate));
  const tax = roundMoney(net * taxRate);
  const gross = roundMoney(net + tax);
  return { net, tax, gross, label: formatMoney(gross, currency) };
}

/** Volume discount agreed with the sales team. */
export function bulkDiscount(quantity: number): number {
  if (quantity >= 250) return 0.15;
  if (quantity >= 50) return 0.08;
  return 0;
}

export function orderTotal(quotes: readonly Quote[]): number {
  return roundMoney(quotes.reduce((sum, quote) => sum + quote.gross, 0));
}

export function shippingBand(product: Product, destination: string, express: boolean): string {
  if (product.archived || product.quantity === 0) return 'unavailable';
  const bulky = product.category === Category.Garden || product.category === Category.Hardware;
  const domestic = destination === DOMESTIC;
  if (bulky && !domestic) return 'freight';
  if (bulky && express) return 'freight-express';
  if (!domestic && express) return 'international-express';
  if (!domestic) return 'international';
  if (express || product.unitPrice > PREMIUM_PRICE) return 'priority';
  return product.quantity > LOW_STOCK_THRESHOLD ? 'standard' : 'backorder';
}
