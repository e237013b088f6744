import type { Rule } from '../types.js';
import { parseError } from './parse-error.js';
import { skippedFile } from './skipped-file.js';
import { unusedSuppression } from './unused-suppression.js';
import { invalidSuppression } from './invalid-suppression.js';

/** The parse rules, in catalog order. */
export const parseRules: readonly Rule[] = [parseError, skippedFile, invalidSuppression, unusedSuppression];
