import assert from 'node:assert/strict';
import { Category, type Product } from './models';
import { bulkDiscount, orderTotal, quoteLine, shippingBand } from './pricing';

const drill: Product = {
  sku: 'HW-100',
  name: 'Cordless drill',
  category: Category.Hardware,
  unitPrice: 89.9,
  quantity: 12,
  archived: false,
};

function testQuoteLine(): void {
  const quote = quoteLine(10, 3, 0, 0.2, 'EUR');
  assert.equal(quote.net, 30);
  assert.equal(quote.tax, 6);
  assert.equal(quote.gross, 36);
  assert.equal(quote.label, '36.00 EUR');
}

function testBulkDiscount(): void {
  assert.equal(bulkDiscount(10), 0);
  assert.equal(bulkDiscount(50), 0.08);
  assert.equal(bulkDiscount(300), 0.15);
}

function testOrderTotal(): void {
  const first = quoteLine(1.1, 1, 0, 0, 'USD');
  const second = quoteLine(2.2, 1, 0, 0, 'USD');
  assert.equal(orderTotal([first, second]), 3.3);
}

function testShippingBand(): void {
  assert.equal(shippingBand(drill, 'domestic', false), 'standard');
  assert.equal(shippingBand(drill, 'abroad', false), 'freight');
  assert.equal(shippingBand({ ...drill, archived: true }, 'domestic', true), 'unavailable');
}

testQuoteLine();
testBulkDiscount();
testOrderTotal();
testShippingBand();
console.log('pricing tests passed');
