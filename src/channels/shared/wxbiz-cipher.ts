import { createCipheriv, createDecipheriv, randomBytes, type Decipher } from 'node:crypto';
import { WxCryptoError } from './wx-crypto-error.js';

/**
 * The AES layer of WXBizMsgCrypt (no signatures, no XML):
 * AES-256-CBC, key = base64(EncodingAESKey + '='), IV = key[0..16], PKCS#7 padding to a
 * 32-byte block, plaintext = random(16) | uint32be(len) | msg (utf-8) | receiveid.
 */

export const PROTOCOL_BLOCK_SIZE = 32;
const AES_BLOCK_SIZE = 16;
const RANDOM_LENGTH = 16;
const HEADER_LENGTH = RANDOM_LENGTH + 4;

export interface WxAesKey {
  readonly key: Buffer;
  readonly iv: Buffer;
}

const ENCODING_AES_KEY = /^[A-Za-z0-9+/]{43}$/;
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Validates the 43-character EncodingAESKey up front and derives the AES key and IV. */
export function parseEncodingAesKey(encodingAesKey: string): WxAesKey {
  if (!ENCODING_AES_KEY.test(encodingAesKey)) {
    throw new WxCryptoError(
      'aes_key_invalid',
      'EncodingAESKey must be exactly 43 base64 characters (A-Z, a-z, 0-9, +, /)',
    );
  }
  const key = Buffer.from(`${encodingAesKey}=`, 'base64');
  if (key.length !== 32) {
    throw new WxCryptoError('aes_key_invalid', 'EncodingAESKey does not decode to 32 bytes');
  }
  return { key, iv: key.subarray(0, AES_BLOCK_SIZE) };
}

export function pkcs7Pad(data: Buffer, blockSize = PROTOCOL_BLOCK_SIZE): Buffer {
  const padLength = blockSize - (data.length % blockSize);
  return Buffer.concat([data, Buffer.alloc(padLength, padLength)]);
}

export function pkcs7Unpad(data: Buffer, blockSize = PROTOCOL_BLOCK_SIZE): Buffer {
  if (data.length === 0 || data.length % blockSize !== 0) {
    throw new WxCryptoError(
      'illegal_buffer',
      `padded plaintext is ${data.length} bytes, not a multiple of ${blockSize}`,
    );
  }
  const padLength = data[data.length - 1]!;
  if (padLength < 1 || padLength > blockSize) {
    throw new WxCryptoError('illegal_buffer', `invalid padding byte ${padLength}`);
  }
  for (let i = data.length - padLength; i < data.length; i += 1) {
    if (data[i] !== padLength) {
      throw new WxCryptoError('illegal_buffer', 'inconsistent padding bytes');
    }
  }
  return data.subarray(0, data.length - padLength);
}

export type RandomBytes = (size: number) => Buffer;

/** Encrypts `message` for `receiveId`; returns the base64 `Encrypt` value. */
export function encryptPayload(
  aes: WxAesKey,
  message: string,
  receiveId: string,
  random: RandomBytes = randomBytes,
): string {
  const prefix = random(RANDOM_LENGTH);
  if (prefix.length !== RANDOM_LENGTH) {
    throw new WxCryptoError('encrypt_failed', `random prefix must be ${RANDOM_LENGTH} bytes`);
  }
  const body = Buffer.from(message, 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(body.length, 0);
  const plain = pkcs7Pad(Buffer.concat([prefix, length, body, Buffer.from(receiveId, 'utf8')]));
  try {
    const cipher = createCipheriv('aes-256-cbc', aes.key, aes.iv).setAutoPadding(false);
    return Buffer.concat([cipher.update(plain), cipher.final()]).toString('base64');
  } catch (cause) {
    throw new WxCryptoError('encrypt_failed', 'AES encryption failed', { cause });
  }
}

export interface DecryptedPayload {
  readonly message: string;
  readonly receiveId: string;
}

/**
 * Decrypts a base64 `Encrypt` value. When `expectedReceiveId` is given, a payload meant for
 * another corp / app is rejected with `receiveid_mismatch`.
 */
export function decryptPayload(
  aes: WxAesKey,
  encrypted: string,
  expectedReceiveId?: string,
): DecryptedPayload {
  const cipherText = Buffer.from(encrypted, 'base64');
  // Node's decoder skips what is not base64; strict base64 is what encodes back to itself.
  if (cipherText.toString('base64') !== encrypted) {
    throw new WxCryptoError('base64_invalid', 'ciphertext is not valid base64');
  }
  if (cipherText.length === 0 || cipherText.length % AES_BLOCK_SIZE !== 0) {
    throw new WxCryptoError(
      'decrypt_failed',
      `ciphertext is ${cipherText.length} bytes, not a whole number of AES blocks`,
    );
  }
  let padded: Buffer;
  try {
    padded = cbcDecrypt(aes, cipherText);
  } catch (cause) {
    throw new WxCryptoError('decrypt_failed', 'AES decryption failed', { cause });
  }
  const plain = pkcs7Unpad(padded);
  if (plain.length < HEADER_LENGTH) {
    throw new WxCryptoError('illegal_buffer', 'plaintext shorter than its 20-byte header');
  }
  const messageLength = plain.readUInt32BE(RANDOM_LENGTH);
  if (messageLength > plain.length - HEADER_LENGTH) {
    throw new WxCryptoError(
      'illegal_buffer',
      `message length ${messageLength} exceeds the ${plain.length - HEADER_LENGTH} bytes present`,
    );
  }
  const end = HEADER_LENGTH + messageLength;
  const message = decodeUtf8(plain.subarray(HEADER_LENGTH, end), 'message');
  const receiveId = decodeUtf8(plain.subarray(end), 'receiveid');
  if (expectedReceiveId !== undefined && receiveId !== expectedReceiveId) {
    throw new WxCryptoError('receiveid_mismatch', 'payload was encrypted for another receiver');
  }
  return { message, receiveId };
}

const ecbDeciphers = new WeakMap<WxAesKey, Decipher>();

/**
 * AES-256-CBC decryption of whole blocks through one long-lived ECB decipher per key, since
 * CBC is P[i] = D(C[i]) xor C[i-1] with C[-1] = IV: building a Decipheriv for every callback
 * cost more than decrypting it. ECB carries no state from one block to the next, and only
 * whole blocks are fed with padding off, so `update` returns every block and keeps nothing.
 */
function cbcDecrypt(aes: WxAesKey, cipherText: Buffer): Buffer {
  let ecb = ecbDeciphers.get(aes);
  if (ecb === undefined) {
    ecb = createDecipheriv('aes-256-ecb', aes.key, null).setAutoPadding(false);
    ecbDeciphers.set(aes, ecb);
  }
  const plain = ecb.update(cipherText);
  if (plain.length !== cipherText.length) {
    ecbDeciphers.delete(aes);
    throw new Error(`AES-ECB returned ${plain.length} of ${cipherText.length} bytes`);
  }
  for (let i = 0; i < AES_BLOCK_SIZE; i++) plain[i]! ^= aes.iv[i]!;
  for (let i = AES_BLOCK_SIZE; i < plain.length; i++) plain[i]! ^= cipherText[i - AES_BLOCK_SIZE]!;
  return plain;
}

function decodeUtf8(bytes: Buffer, what: string): string {
  try {
    return utf8.decode(bytes);
  } catch (cause) {
    throw new WxCryptoError('illegal_buffer', `${what} is not valid UTF-8`, { cause });
  }
}
