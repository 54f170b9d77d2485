import { createCipheriv } from 'node:crypto';
import { decrypt as wecomDecrypt, encrypt as wecomEncrypt } from '@wecom/crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WxCryptoError, type WxCryptoErrorCode } from './wx-crypto-error.js';
import {
  decryptPayload,
  encryptPayload,
  parseEncodingAesKey,
  pkcs7Pad,
  type WxAesKey,
} from './wxbiz-cipher.js';
import { WxBizMsgCrypt } from './wxbiz-crypto.js';

const encodingAesKey = '6qkdMrq68nTKduznJYO1A37W2oEgpkMUvkttRToqhUt';
const aes = parseEncodingAesKey(encodingAesKey);
const corpId = 'ww1436e0e65a779aee';
const MAX_BYTES = 64 * 1024;

/** Messages: empty, any Unicode (multi-byte, emoji, combining marks), up to 64 KiB of UTF-8. */
const messages = fc.oneof(
  fc.constant(''),
  fc.constant('a'.repeat(MAX_BYTES)),
  fc.constant('😀'.repeat(MAX_BYTES / 4)),
  fc.string({ unit: 'binary', maxLength: 400 }),
  fc.string({ unit: 'grapheme', maxLength: 400 }),
  fc
    .tuple(fc.string({ unit: 'binary', minLength: 1, maxLength: 8 }), fc.nat({ max: MAX_BYTES }))
    .map(([chunk, times]) =>
      chunk.repeat(Math.max(1, Math.min(times, Math.floor(MAX_BYTES / Buffer.byteLength(chunk))))),
    ),
);
const receiveIds = fc.oneof(
  fc.constant(corpId),
  fc.stringMatching(/^(ww|wx)[0-9a-f]{16}$/),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }),
);

function errorCode(run: () => unknown): WxCryptoErrorCode | 'no error' {
  try {
    run();
    return 'no error';
  } catch (error) {
    if (error instanceof WxCryptoError) return error.code;
    throw error;
  }
}

/** Encrypts an arbitrary plaintext block sequence, bypassing our own packing and padding. */
function sealRaw(key: WxAesKey, plain: Buffer): string {
  const cipher = createCipheriv('aes-256-cbc', key.key, key.iv).setAutoPadding(false);
  return Buffer.concat([cipher.update(plain), cipher.final()]).toString('base64');
}

function packed(message: Buffer, receiveId: string, declaredLength = message.length): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(declaredLength, 0);
  return Buffer.concat([Buffer.alloc(16, 1), length, message, Buffer.from(receiveId)]);
}

describe('round trip', () => {
  it('decrypts what it encrypts, for any message and receiver', () => {
    fc.assert(
      fc.property(
        messages,
        receiveIds,
        fc.uint8Array({ minLength: 16, maxLength: 16 }),
        (message, receiveId, random) => {
          const encrypted = encryptPayload(aes, message, receiveId, () => Buffer.from(random));
          const cipherBytes = Buffer.from(encrypted, 'base64');
          expect(cipherBytes.length % 32).toBe(0);
          expect(decryptPayload(aes, encrypted, receiveId)).toEqual({ message, receiveId });
        },
      ),
      { numRuns: 150 },
    );
  });

  it('agrees with @wecom/crypto in both directions', () => {
    fc.assert(
      fc.property(messages, receiveIds, (message, receiveId) => {
        const ours = encryptPayload(aes, message, receiveId);
        expect(wecomDecrypt(encodingAesKey, ours)).toMatchObject({ message, id: receiveId });
        const theirs = wecomEncrypt(encodingAesKey, message, receiveId);
        expect(decryptPayload(aes, theirs, receiveId).message).toBe(message);
      }),
      { numRuns: 80 },
    );
  });

  it('pads 1..32 bytes to a 32-byte block, a full block when already aligned', () => {
    for (let length = 0; length <= 96; length += 1) {
      const padded = pkcs7Pad(Buffer.alloc(length));
      const pad = 32 - (length % 32);
      expect(padded.length).toBe(length + pad);
      expect([...padded.subarray(length)]).toEqual(Array(pad).fill(pad));
    }
  });
});

describe('every corruption is rejected with its typed error', () => {
  it('a signature that does not match (signature_mismatch)', () => {
    const crypto = new WxBizMsgCrypt({ token: 'tok', encodingAesKey, receiveId: corpId });
    fc.assert(
      fc.property(
        messages,
        fc.nat({ max: 39 }),
        fc.constantFrom(...'0123456789abcdef'),
        (message, at, digit) => {
          const sealed = crypto.seal(message, { timestamp: '1700000000', nonce: 'abc' });
          const signature = sealed.msgSignature;
          fc.pre(signature[at] !== digit.toLowerCase());
          const forged = `${signature.slice(0, at)}${digit}${signature.slice(at + 1)}`;
          const query = { msgSignature: forged, timestamp: sealed.timestamp, nonce: sealed.nonce };
          expect(errorCode(() => crypto.verify(query, sealed.encrypt))).toBe('signature_mismatch');
        },
      ),
      { numRuns: 60 },
    );
  });

  it('a signed field altered in transit (signature_mismatch, before any decryption)', () => {
    const crypto = new WxBizMsgCrypt({ token: 'tok', encodingAesKey, receiveId: corpId });
    const sealed = crypto.seal('<xml><Content><![CDATA[hi]]></Content></xml>');
    const query = {
      msgSignature: sealed.msgSignature,
      timestamp: sealed.timestamp,
      nonce: sealed.nonce,
    };
    fc.assert(
      fc.property(fc.nat({ max: sealed.encrypt.length - 3 }), (at) => {
        const swapped = sealed.encrypt[at] === 'A' ? 'B' : 'A';
        const encrypt = `${sealed.encrypt.slice(0, at)}${swapped}${sealed.encrypt.slice(at + 1)}`;
        const body = `<xml><Encrypt><![CDATA[${encrypt}]]></Encrypt></xml>`;
        expect(errorCode(() => crypto.openCallback(query, body))).toBe('signature_mismatch');
      }),
    );
    const body = `<xml><Encrypt><![CDATA[${sealed.encrypt}]]></Encrypt></xml>`;
    expect(errorCode(() => crypto.openCallback({ ...query, timestamp: '1' }, body))).toBe(
      'signature_mismatch',
    );
    expect(errorCode(() => crypto.openCallback({ ...query, nonce: 'x' }, body))).toBe(
      'signature_mismatch',
    );
    expect(crypto.openCallback(query, body).plaintext).toContain('hi');
  });

  it('a payload encrypted for another receiver (receiveid_mismatch)', () => {
    fc.assert(
      fc.property(messages, receiveIds, receiveIds, (message, sentTo, expected) => {
        fc.pre(sentTo !== expected);
        const encrypted = encryptPayload(aes, message, sentTo);
        expect(errorCode(() => decryptPayload(aes, encrypted, expected))).toBe(
          'receiveid_mismatch',
        );
      }),
      { numRuns: 60 },
    );
  });

  it('a truncated ciphertext', () => {
    fc.assert(
      fc.property(messages, fc.nat(), (message, cut) => {
        const full = Buffer.from(encryptPayload(aes, message, corpId), 'base64');
        const removed = 1 + (cut % (full.length - 1));
        const truncated = full.subarray(0, full.length - removed).toString('base64');
        const code = errorCode(() => decryptPayload(aes, truncated, corpId));
        if (removed % 16 !== 0) expect(code).toBe('decrypt_failed');
        else if (removed % 32 !== 0) expect(code).toBe('illegal_buffer');
        // Whole 32-byte blocks gone: the last surviving byte is read as padding, so either the
        // padding or length check fails, or the shortened receiveid no longer matches.
        else expect(['illegal_buffer', 'receiveid_mismatch']).toContain(code);
      }),
      { numRuns: 150 },
    );
    expect(errorCode(() => decryptPayload(aes, '', corpId))).toBe('decrypt_failed');
  });

  it('text that is not base64 (base64_invalid)', () => {
    const valid = encryptPayload(aes, 'hello', corpId);
    fc.assert(
      fc.property(
        fc.nat({ max: valid.length - 1 }),
        fc.constantFrom('!', '-', '_', ' ', '.', '\n', '中', '%'),
        (at, bad) => {
          const corrupted = `${valid.slice(0, at)}${bad}${valid.slice(at + 1)}`;
          expect(errorCode(() => decryptPayload(aes, corrupted, corpId))).toBe('base64_invalid');
        },
      ),
    );
    expect(errorCode(() => decryptPayload(aes, valid.slice(0, -1), corpId))).toBe('base64_invalid');
    expect(errorCode(() => decryptPayload(aes, `${valid}=`, corpId))).toBe('base64_invalid');
    expect(errorCode(() => decryptPayload(aes, `=${valid.slice(1)}`, corpId))).toBe(
      'base64_invalid',
    );
  });

  it('a pad byte of 0 or above 32 (illegal_buffer)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.constant(0), fc.integer({ min: 33, max: 255 })), (padByte) => {
        const body = packed(Buffer.from('<xml/>'), corpId);
        const fill = 32 - (body.length % 32);
        const plain = Buffer.concat([body, Buffer.alloc(fill, padByte)]);
        expect(errorCode(() => decryptPayload(aes, sealRaw(aes, plain), corpId))).toBe(
          'illegal_buffer',
        );
      }),
    );
  });

  it('inconsistent pad bytes (illegal_buffer)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 32 }),
        fc.nat(),
        fc.integer({ min: 0, max: 255 }),
        (pad, at, other) => {
          fc.pre(other !== pad);
          const body = Buffer.alloc(64 - pad, 0x41);
          const padding = Buffer.alloc(pad, pad);
          padding[at % (pad - 1)] = other; // any byte but the last, which declares the length
          expect(
            errorCode(() =>
              decryptPayload(aes, sealRaw(aes, Buffer.concat([body, padding])), corpId),
            ),
          ).toBe('illegal_buffer');
        },
      ),
    );
  });

  it('a length field larger than the buffer (illegal_buffer)', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 200 }),
        fc.integer({ min: 1, max: 0xffffffff }),
        (text, excess) => {
          const message = Buffer.from(text);
          const available = message.length + corpId.length;
          const declared = Math.min(0xffffffff, available + excess);
          const plain = pkcs7Pad(packed(message, corpId, declared));
          expect(errorCode(() => decryptPayload(aes, sealRaw(aes, plain), corpId))).toBe(
            'illegal_buffer',
          );
        },
      ),
    );
  });

  it('a plaintext shorter than its header or not valid UTF-8 (illegal_buffer)', () => {
    expect(
      errorCode(() => decryptPayload(aes, sealRaw(aes, pkcs7Pad(Buffer.alloc(10))), corpId)),
    ).toBe('illegal_buffer');
    const invalidUtf8 = pkcs7Pad(packed(Buffer.from([0xc3, 0x28]), corpId));
    expect(errorCode(() => decryptPayload(aes, sealRaw(aes, invalidUtf8), corpId))).toBe(
      'illegal_buffer',
    );
  });

  it('a ciphertext made with another key never decrypts to a message for us', () => {
    const otherKey = parseEncodingAesKey('abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG');
    fc.assert(
      fc.property(messages, (message) => {
        const encrypted = encryptPayload(otherKey, message, corpId);
        expect(['illegal_buffer', 'receiveid_mismatch']).toContain(
          errorCode(() => decryptPayload(aes, encrypted, corpId)),
        );
      }),
      { numRuns: 60 },
    );
  });
});
