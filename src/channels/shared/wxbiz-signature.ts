import { hash } from 'node:crypto';
import { constantTimeEqual } from '../../platform/crypto.js';
import { WxCryptoError } from './wx-crypto-error.js';

/**
 * sha1 over the lexicographically sorted parts, lowercase hex. Four parts (token, timestamp,
 * nonce, Encrypt) sign encrypted callbacks (`msg_signature`); three parts (token, timestamp,
 * nonce) sign Official Account requests (`signature`).
 */
export function wxSignature(...parts: string[]): string {
  // One-shot hash: no Hash object per callback.
  return hash('sha1', parts.sort().join(''), 'hex');
}

/** The 4-item `msg_signature` of WeCom callbacks and Official Account safe mode. */
export function msgSignature(token: string, timestamp: string, nonce: string, encrypt: string) {
  return wxSignature(token, timestamp, nonce, encrypt);
}

/** The 3-item `signature` every Official Account request carries. */
export function oaSignature(token: string, timestamp: string, nonce: string): string {
  return wxSignature(token, timestamp, nonce);
}

/** Constant-time check of a received signature; throws `signature_mismatch`. */
export function assertSignature(received: string | undefined, expected: string): void {
  if (received === undefined || !constantTimeEqual(received.toLowerCase(), expected)) {
    throw new WxCryptoError('signature_mismatch', 'signature does not match');
  }
}

export interface OaSignedQuery {
  readonly signature?: string;
  readonly timestamp: string;
  readonly nonce: string;
}

/** Verifies the 3-item signature of an Official Account request (GET verification or POST). */
export function verifyOaSignature(token: string, query: OaSignedQuery): void {
  assertSignature(query.signature, oaSignature(token, query.timestamp, query.nonce));
}
