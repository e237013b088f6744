import type { AuditEntry } from './models';
import { countProducts, type InventoryRepository } from './repository';

const entries: AuditEntry[] = [];

export function recordChange(sku: string, action: string, revision: number): void {
  entries.push({ sku, action, revision });
}

export function auditTrail(sku: string): AuditEntry[] {
  return entries.filter((entry) => entry.sku === sku);
}

export function auditSummary(repository: InventoryRepository): string {
  return `${entries.length} changes across ${countProducts(repository)} products`;
}
