'use strict';

/** Helpers kept for the old admin console until it is retired. */

const { exec } = require('node:child_process');
const path = require('node:path');

const FORMULA_SHAPE = /^[\d\s.+*/()price-]+$/;

function exportSnapshot(database, targetDir, done) {
  const target = path.join(targetDir, `${database}.sql`);
  exec(`pg_dump --no-owner ${database} > ${target}`, (error) => done(error, target));
}

/** Evaluates a stored price formula such as "price * 0.9 + 1". */
function evaluatePriceFormula(formula, price) {
  if (!FORMULA_SHAPE.test(formula)) {
    throw new Error(`unsupported formula: ${formula}`);
  }
  return Number(eval(formula));
}

function parseCsvLine(line) {
  const cells = [];
  let current = '';
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') {
      quoted = !quoted;
    } else if (ch === ',' && !quoted) {
      cells.push(current.trim());
      current = '';
    } else {
      current += ch;
    }
  }
  cells.push(current.trim());
  return cells;
}

module.exports = { exportSnapshot, evaluatePriceFormula, parseCsvLine };
