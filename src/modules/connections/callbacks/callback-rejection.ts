import { WxCryptoError } from '../../../channels/shared/wxbiz-crypto.js';
import { XmlRejectedError } from '../../../channels/shared/xml.js';

/**
 * Why a callback was refused: its HTTP status and the short plain-text body the sender gets.
 * The reason is also the `reason` label of `siyu_callbacks_rejected_total`.
 */
export const rejections = {
  unknown_workspace: [404, 'unknown callback address'],
  unknown_connection: [404, 'unknown callback address'],
  unsupported_media_type: [415, 'expected text/xml'],
  oversize: [413, 'body too large'],
  missing_parameters: [400, 'missing signature parameters'],
  bad_signature: [403, 'bad signature'],
  wrong_receiver: [403, 'wrong receiver'],
  bad_ciphertext: [400, 'bad ciphertext'],
  bad_xml: [400, 'bad xml'],
  not_encrypted: [400, 'expected an encrypted (safe mode) message'],
  not_configured: [400, 'encrypted message but no EncodingAESKey is configured'],
  connection_disabled: [403, 'connection disabled'],
} as const satisfies Record<string, readonly [number, string]>;

export type RejectionReason = keyof typeof rejections;

/** A callback refused before anything was stored. */
export class CallbackRejected extends Error {
  readonly status: number;
  readonly body: string;

  constructor(
    readonly reason: RejectionReason,
    options?: { cause?: unknown },
  ) {
    const [status, body] = rejections[reason];
    super(`callback rejected: ${reason}`, options);
    this.name = 'CallbackRejected';
    this.status = status;
    this.body = body;
  }
}

const cryptoReasons: Partial<Record<WxCryptoError['code'], RejectionReason>> = {
  signature_mismatch: 'bad_signature',
  xml_parse: 'bad_xml',
  receiveid_mismatch: 'wrong_receiver',
  decrypt_failed: 'bad_ciphertext',
  illegal_buffer: 'bad_ciphertext',
  base64_invalid: 'bad_ciphertext',
};

/**
 * The rejection a failure of the request stands for, or undefined for our own bugs (a bad
 * stored AES key, a database error), which must surface as 500s.
 */
export function rejectionOf(error: unknown): CallbackRejected | undefined {
  if (error instanceof CallbackRejected) return error;
  if (error instanceof WxCryptoError) {
    const reason = cryptoReasons[error.code];
    return reason && new CallbackRejected(reason, { cause: error });
  }
  if (error instanceof XmlRejectedError) {
    return new CallbackRejected(error.code === 'too_large' ? 'oversize' : 'bad_xml', {
      cause: error,
    });
  }
  return undefined;
}

/** The query parameters a protocol step needs, each present once; else `missing_parameters`. */
export function requireParams<const K extends string>(
  query: unknown,
  names: readonly K[],
): Record<K, string> {
  const record = (query ?? {}) as Record<string, unknown>;
  const values = {} as Record<K, string>;
  for (const name of names) {
    const value = record[name];
    if (typeof value !== 'string' || value === '') throw new CallbackRejected('missing_parameters');
    values[name] = value;
  }
  return values;
}
