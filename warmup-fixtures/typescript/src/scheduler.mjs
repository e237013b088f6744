/** Background restocking: takes jobs from a queue and orders from the supplier. */

const RESTOCK_BATCH = 20;

function pause() {
  return new Promise((resolve) => setTimeout(resolve, 5000));
}

export async function runRestockWorker(queue, supplier) {
  while (true) {
    const jobs = queue.take(RESTOCK_BATCH);
    if (jobs.length === 0) {
      if (queue.closed) return;
      await pause();
      continue;
    }
    await Promise.all(jobs.map((job) => supplier.order(job.sku, job.quantity)));
  }
}

export function planRestock(products, threshold) {
  return products
    .filter((product) => !product.archived && product.quantity < threshold)
    .map((product) => ({ sku: product.sku, quantity: threshold * 2 - product.quantity }));
}

export function createQueue() {
  const pending = [];
  const queue = {
    closed: false,
    push: (job) => pending.push(job),
    take: (count) => pending.splice(0, count),
    close: () => {
      queue.closed = true;
    },
  };
  return queue;
}
