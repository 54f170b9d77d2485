import { WxCryptoError, type WxCryptoErrorCode } from '../../../channels/shared/wx-crypto-error.js';
import { WxBizMsgCrypt, type SignedQuery } from '../../../channels/shared/wxbiz-crypto.js';
import { XmlRejectedError, type XmlRejectionCode } from '../../../channels/shared/xml.js';
import { parseWecomCallback } from '../../../channels/wecom/callbacks.js';
import { summarize, type CallbackSummary } from './callback-summary.js';

/** One encrypted WeCom POST to open: the connection's credentials, the signed query, the body. */
export interface WecomOpenRequest {
  token: string;
  encodingAesKey: string;
  receiveId: string;
  query: SignedQuery;
  body: string;
}

/** A refusal as plain data: the typed error callback-rejection.ts maps to a 4xx. */
export type OpeningFailure =
  | { type: 'crypto'; code: WxCryptoErrorCode; message: string }
  | { type: 'xml'; code: XmlRejectionCode; message: string };

/**
 * The result of opening, as plain data (it may cross a thread boundary): refused before the
 * plaintext was had (envelope, signature, ciphertext), the plaintext not a callback, or the
 * callback's summary.
 */
export type WecomOpening =
  | { status: 'opened'; plaintext: string; summary: CallbackSummary }
  | { status: 'unopened' | 'unparsable'; failure: OpeningFailure };

/** Opens with `crypt` (already built for the request's credentials): verify → decrypt → parse. */
export function openWecom(
  crypt: WxBizMsgCrypt,
  request: Pick<WecomOpenRequest, 'query' | 'body'>,
): WecomOpening {
  let plaintext: string;
  try {
    plaintext = crypt.openCallback(request.query, request.body).plaintext;
  } catch (error) {
    return { status: 'unopened', failure: failureOf(error) };
  }
  try {
    return { status: 'opened', plaintext, summary: summarize(parseWecomCallback(plaintext)) };
  } catch (error) {
    return { status: 'unparsable', failure: failureOf(error) };
  }
}

function failureOf(error: unknown): OpeningFailure {
  if (error instanceof WxCryptoError) {
    return { type: 'crypto', code: error.code, message: error.message };
  }
  if (error instanceof XmlRejectedError) {
    return { type: 'xml', code: error.code, message: error.message };
  }
  throw error;
}

/** The typed error a failure stands for. */
export function openingError(failure: OpeningFailure): Error {
  return failure.type === 'crypto'
    ? new WxCryptoError(failure.code, failure.message)
    : new XmlRejectedError(failure.code, failure.message);
}

/** WxBizMsgCrypt instances by credentials: building one derives the AES key. */
export class CryptCache {
  private readonly crypts = new Map<string, WxBizMsgCrypt>();

  constructor(private readonly maxEntries = 1000) {}

  get(request: Pick<WecomOpenRequest, 'token' | 'encodingAesKey' | 'receiveId'>): WxBizMsgCrypt {
    const key = `${request.token}\n${request.encodingAesKey}\n${request.receiveId}`;
    let crypt = this.crypts.get(key);
    if (!crypt) {
      if (this.crypts.size >= this.maxEntries) this.crypts.clear();
      crypt = new WxBizMsgCrypt(request);
      this.crypts.set(key, crypt);
    }
    return crypt;
  }
}
