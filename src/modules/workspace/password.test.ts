import { describe, expect, it } from 'vitest';
import { generatePassword, hashPassword, verifyPassword } from './password.js';

describe('passwords', () => {
  it('hashes with a per-password salt into a versioned string and verifies', async () => {
    const a = await hashPassword('correct horse battery');
    const b = await hashPassword('correct horse battery');
    expect(a).toMatch(/^scrypt\$v1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('correct horse battery', a)).toBe(true);
    expect(await verifyPassword('correct horse batterY', a)).toBe(false);
    expect(await verifyPassword('', a)).toBe(false);
  });

  it('never matches a malformed or unknown-version hash', async () => {
    const hash = await hashPassword('some password');
    for (const stored of [
      '',
      'plain',
      hash.replace('$v1$', '$v9$'),
      hash.replace(/\$[^$]+$/, '$'),
    ]) {
      expect(await verifyPassword('some password', stored)).toBe(false);
    }
  });

  it('generates passwords without look-alike characters', () => {
    const passwords = Array.from({ length: 50 }, () => generatePassword());
    for (const p of passwords) expect(p).toMatch(/^[A-HJ-NP-Za-km-z2-9]{20}$/);
    expect(new Set(passwords).size).toBe(50);
  });
});
