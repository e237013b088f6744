/**
 * Authentication of the cache entries kept inside an analysed checkout (cache/trust.ts): each entry's
 * header line carries an HMAC-SHA256, under this machine's key (cache/machine-key.ts), of the header
 * (versions, the payload's sha256 and length) and of where the entry sits (its scope and name). The
 * payload is bound through its sha256, which every read checks anyway, so the MAC covers the whole
 * entry and costs one HMAC of a short line. An entry copied to another name, or written by anyone
 * without the key (a pull request, another machine, a public image), does not verify: it is a miss.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

const DOMAIN = 'connascence-cache-entry-mac-v1';
export const MAC_PATTERN = /^[0-9a-f]{64}$/;
const KEY_BYTES = 32;

/** What an entry's MAC binds besides its header: the folder kind it belongs to and its file name. */
export function entryBinding(scope: string, name: string): string {
  return `${scope}/${name}`;
}

export class EntryAuth {
  private constructor(private readonly key: Buffer) {}

  /** The key as hex, to hand to a worker thread (which writes entries too). */
  static fromHex(hex: string): EntryAuth {
    const key = Buffer.from(hex, 'hex');
    if (key.length !== KEY_BYTES || key.toString('hex') !== hex) throw new TypeError('An entry key is 64 hex digits.');
    return new EntryAuth(key);
  }

  static fromBytes(key: Buffer): EntryAuth {
    return EntryAuth.fromHex(key.toString('hex'));
  }

  get hex(): string {
    return this.key.toString('hex');
  }

  /** The MAC (hex) of an entry's header `core` (the line without its MAC field) at `binding`. */
  mac(binding: string, core: string): string {
    return createHmac('sha256', this.key).update(`${DOMAIN}\0${binding}\0${core}`, 'utf8').digest('hex');
  }

  verify(binding: string, core: string, mac: string | undefined): boolean {
    if (mac === undefined || !MAC_PATTERN.test(mac)) return false;
    return timingSafeEqual(Buffer.from(this.mac(binding, core), 'hex'), Buffer.from(mac, 'hex'));
  }
}

/** How an entry is sealed or checked: the key, and what the MAC binds. */
export interface Seal {
  auth: EntryAuth;
  binding: string;
}
