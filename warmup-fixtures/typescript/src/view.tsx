/** @jsx h */
import { isInStock, type Product } from './models';
import { formatMoney } from './utils';

type Props = Record<string, string | number | boolean> | null;

declare global {
  namespace JSX {
    type Element = string;
    interface IntrinsicElements {
      [tag: string]: Record<string, string | number | boolean>;
    }
  }
}

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (ch) => ENTITIES[ch] ?? ch);
}

/** A tiny string renderer: children are already-rendered HTML, text is escaped by the caller. */
export function h(tag: string, props: Props, ...children: string[]): string {
  const attributes = Object.entries(props ?? {})
    .map(([name, value]) => ` ${name}="${escapeHtml(String(value))}"`)
    .join('');
  return `<${tag}${attributes}>${children.join('')}</${tag}>`;
}

export function productCard(product: Product, currency: string): string {
  const state = isInStock(product) ? 'in-stock' : 'sold-out';
  return (
    <article class={`product ${state}`} data-sku={product.sku}>
      <h2>{escapeHtml(product.name)}</h2>
      <p class="price">{formatMoney(product.unitPrice, currency)}</p>
      <p class="stock">{String(product.quantity)} left</p>
    </article>
  );
}

export function productList(products: readonly Product[], currency: string): string {
  const cards = products.map((product) => productCard(product, currency));
  return <section class="products">{cards.join('')}</section>;
}
