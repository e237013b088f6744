import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runAnalysis } from '../../src/cli/analysis-reports.js';
import { makeTree } from '../helpers/cli.js';

/**
 * ARCH_CYCLE on a Python package analysed from the package itself, its parent (the source root) and
 * the repository root: the cycles inside the package are the same, whatever the analysed folder.
 */

const tree = {
  'repo/src/shop/__init__.py': 'from .orders import Order\n',
  'repo/src/shop/orders.py': 'from shop.billing import invoice\n\n\nclass Order:\n    pass\n',
  'repo/src/shop/billing.py': 'import shop.orders\nfrom shop import catalog\n\n\ndef invoice():\n    return shop.orders.Order\n',
  'repo/src/shop/catalog/__init__.py': 'from .items import Item\n',
  'repo/src/shop/catalog/items.py': 'import typing\nfrom shop.catalog import prices\n\nItem = typing.NamedTuple("Item", [("name", str)])\n',
  'repo/src/shop/catalog/prices.py': 'from . import items\n\n\ndef price():\n    from shop import billing\n\n    return billing\n',
  'repo/src/shop/typing.py': 'from shop.catalog import items\n',
  'repo/tests/test_shop.py': 'import shop\n',
};

interface Finding {
  ruleId: string;
  file: string;
  message: string;
  related?: Array<{ file: string }>;
}

async function cycles(directory: string): Promise<string[]> {
  const outcome = await runAnalysis({
    directory,
    formats: ['json'],
    maxFileSize: 1024 * 1024,
    include: [],
    exclude: [],
    includeTests: false,
    allowEmpty: false,
    verbose: false,
    cache: false,
    cacheDir: join(directory, '.cache'),
    failOn: 'none',
    toolVersion: '0.0.0-test',
  });
  const findings = (JSON.parse(outcome.report!) as { findings: Finding[] }).findings.filter((f) => f.ruleId === 'ARCH_CYCLE');
  // Paths from the package down, so the three runs compare.
  const inPackage = (path: string): string => path.replace(/\\/g, '/').replace(/^(?:.*\/)?shop\//, '').replace(/^(?!.*\/)(?=.)/, '');
  const strip = (text: string): string => text.replace(/(?:[\w.-]+\/)*shop\//g, '');
  return findings.map((f) => `${inPackage(f.file)}: ${strip(f.message)} [${(f.related ?? []).map((r) => inPackage(r.file)).join(', ')}]`).sort();
}

describe('ARCH_CYCLE roots', () => {
  it('finds the same cycles inside a package from the package, its parent and the repository root', async () => {
    const root = makeTree(tree);
    const fromRepo = await cycles(join(root, 'repo'));
    const fromSource = await cycles(join(root, 'repo/src'));
    const fromPackage = await cycles(join(root, 'repo/src/shop'));
    expect(fromRepo).toEqual([
      'billing.py: Import cycle: billing.py -> orders.py -> billing.py. [orders.py]',
      'catalog/items.py: Import cycle: catalog/items.py -> catalog/prices.py -> catalog/items.py. [catalog/prices.py]',
    ]);
    expect(fromSource).toEqual(fromRepo);
    expect(fromPackage).toEqual(fromRepo);
  }, 60_000);
});
