import type { SecretBox } from '../../platform/crypto.js';

/**
 * Personal data at rest: sealed with the SecretBox (AES-256-GCM), with a keyed hash
 * (HMAC under a key derived from the secret key) alongside for lookups and uniqueness.
 */
export class PiiCodec {
  constructor(private readonly box: SecretBox) {}

  seal(value: string): string {
    return this.box.seal(value);
  }

  open(sealed: string): string {
    return this.box.open(sealed);
  }

  /** Equal values give equal keys; `h1:` marks the scheme so it can be rotated later. */
  hash(value: string): string {
    return `h1:${this.box.keyedHash('people.pii', value)}`;
  }
}

/** `zhangsan@example.com` → `z***@example.com`. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at < 1) return maskText(email);
  return `${email.slice(0, 1)}***${email.slice(at)}`;
}

/** Keeps the first and last character of longer values: `张三丰` → `张***丰`. */
export function maskText(value: string): string {
  const chars = [...value];
  if (chars.length <= 2) return '***';
  return `${chars[0]}***${chars[chars.length - 1]}`;
}
