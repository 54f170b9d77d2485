import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

export const minPasswordLength = 10;

/** Cost parameters of the current hash version; older versions stay verifiable. */
const versions = {
  v1: { N: 16384, r: 8, p: 1, keyLength: 32 },
} as const;

type Version = keyof typeof versions;
const currentVersion: Version = 'v1';

function derive(password: string, salt: Buffer, version: Version): Promise<Buffer> {
  const { N, r, p, keyLength } = versions[version];
  const options: ScryptOptions = { N, r, p, maxmem: 64 * 1024 * 1024 };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFKC'), salt, keyLength, options, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

/** `scrypt$v1$<salt base64url>$<hash base64url>`; the salt is random per password. */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await derive(password, salt, currentVersion);
  return `scrypt$${currentVersion}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

/** Constant-time comparison; a malformed or unknown hash never matches. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, version, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !hash || !(version! in versions)) return false;
  const expected = Buffer.from(hash, 'base64url');
  const actual = await derive(password, Buffer.from(salt, 'base64url'), version as Version);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/** A hash of a random password, verified against when the email is unknown, to equalize timing. */
let decoyHash: Promise<string> | undefined;
export function passwordDecoyHash(): Promise<string> {
  decoyHash ??= hashPassword(randomBytes(16).toString('hex'));
  return decoyHash;
}

/** A random 20-character password from an alphabet without look-alike characters. */
export function generatePassword(length = 20): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
  const bytes = randomBytes(length * 2);
  let out = '';
  // 256 % 57 != 0: drop bytes above the largest multiple to keep the choice uniform.
  const limit = 256 - (256 % alphabet.length);
  for (const byte of bytes) {
    if (byte < limit) out += alphabet[byte % alphabet.length];
    if (out.length === length) return out;
  }
  return out + generatePassword(length - out.length);
}
