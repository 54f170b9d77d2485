/**
 * Typed failures of the WXBizMsgCrypt protocol, named after the official SDK's error codes
 * so a log line can be matched against WeCom / WeChat documentation.
 */
export const wxCryptoErrorCodes = {
  signature_mismatch: -40001,
  xml_parse: -40002,
  aes_key_invalid: -40004,
  receiveid_mismatch: -40005,
  encrypt_failed: -40006,
  decrypt_failed: -40007,
  illegal_buffer: -40008,
  base64_invalid: -40009,
} as const;

export type WxCryptoErrorCode = keyof typeof wxCryptoErrorCodes;

export class WxCryptoError extends Error {
  /** The numeric code the official SDKs use for the same failure. */
  readonly sdkCode: number;

  constructor(
    readonly code: WxCryptoErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'WxCryptoError';
    this.sdkCode = wxCryptoErrorCodes[code];
  }
}
