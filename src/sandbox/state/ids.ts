import { createHash } from 'node:crypto';

const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** `length` base-62 characters derived from the parts: the same inputs always give the same id. */
export function deriveChars(length: number, ...parts: string[]): string {
  let out = '';
  let round = 0;
  while (out.length < length) {
    const digest = createHash('sha256')
      .update(`${round}\u0000${parts.join('\u0000')}`)
      .digest();
    for (const byte of digest) {
      if (byte < 248) out += ALPHABET[byte % 62];
      if (out.length === length) break;
    }
    round += 1;
  }
  return out;
}

/** Lowercase hex derived from the parts (config_id, member_version, …). */
export function deriveHex(length: number, ...parts: string[]): string {
  let out = '';
  let round = 0;
  while (out.length < length) {
    out += createHash('sha256')
      .update(`${round}\u0000${parts.join('\u0000')}`)
      .digest('hex');
    round += 1;
  }
  return out.slice(0, length);
}

/**
 * Deterministic ids: a counter kept in the state (so a reloaded sandbox continues the same
 * sequence) hashed with the seed. Two sandboxes with the same seed and the same history hand
 * out the same ids.
 */
export class IdGenerator {
  constructor(
    private readonly counter: { seq: number },
    private readonly seed: string,
  ) {}

  private nextParts(kind: string): string[] {
    this.counter.seq += 1;
    return [this.seed, kind, String(this.counter.seq)];
  }

  /** `prefix` followed by base-62 characters up to `totalLength`. */
  chars(prefix: string, totalLength: number): string {
    return prefix + deriveChars(totalLength - prefix.length, ...this.nextParts(prefix));
  }

  hex(length: number): string {
    return deriveHex(length, ...this.nextParts('hex'));
  }

  /** A decimal number string of `digits` digits (message ids, template msgids). */
  digits(digits: number): string {
    const hex = deriveHex(16, ...this.nextParts('digits'));
    const value = BigInt(`0x${hex}`) % 10n ** BigInt(digits);
    return (value + 10n ** BigInt(digits - 1)).toString().slice(0, digits);
  }

  /** A 32-bit positive integer. */
  int32(): number {
    return parseInt(deriveHex(8, ...this.nextParts('int')), 16) % 2_000_000_000 || 1;
  }
}
