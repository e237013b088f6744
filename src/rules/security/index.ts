import type { Rule } from '../types.js';
import { secShell } from './sec-shell.js';
import { secDeserialize } from './sec-deserialize.js';
import { secSecret } from './sec-secret.js';
import { secSourceEncoding } from './sec-source-encoding.js';

/** The security rules, in catalog order. */
export const securityRules: readonly Rule[] = [secShell, secDeserialize, secSecret, secSourceEncoding];
