import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto';

/** Encrypts secrets at rest (AES-256-GCM) with a key derived from SIYU_SECRET_KEY. */
export class SecretBox {
  private readonly key: Buffer;
  private readonly hashKey: Buffer;
  private readonly purposeKeys = new Map<string, Buffer>();

  constructor(secretKey: string) {
    this.key = createHash('sha256').update(`siyu:secret-box:${secretKey}`).digest();
    this.hashKey = createHash('sha256').update(`siyu:keyed-hash:${secretKey}`).digest();
  }

  /**
   * HMAC-SHA-256 (base64url) of `value` under a key derived from the secret key for `purpose`:
   * equal values hash alike (lookups, uniqueness of sealed data), and without the secret key
   * a hash reveals nothing (a phone number cannot be brute-forced from a database dump).
   */
  keyedHash(purpose: string, value: string): string {
    let key = this.purposeKeys.get(purpose);
    if (!key) {
      key = createHmac('sha256', this.hashKey).update(purpose).digest();
      this.purposeKeys.set(purpose, key);
    }
    return createHmac('sha256', key).update(value, 'utf8').digest('base64url');
  }

  seal(plaintext: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return `v1.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')}`;
  }

  open(sealed: string): string {
    if (!sealed.startsWith('v1.')) throw new Error('Unknown sealed secret format');
    const raw = Buffer.from(sealed.slice(3), 'base64url');
    if (raw.length < 28) throw new Error('Sealed secret is truncated');
    const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  }
}

export function sha256Hex(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

export function constantTimeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
