import { randomBytes, randomInt } from 'node:crypto';
import { systemClock, type Clock } from '../../platform/clock.js';
import { WxCryptoError } from './wx-crypto-error.js';
import {
  decryptPayload,
  encryptPayload,
  parseEncodingAesKey,
  type RandomBytes,
  type WxAesKey,
} from './wxbiz-cipher.js';
import { assertSignature, msgSignature } from './wxbiz-signature.js';
import { buildXml, parseXml, XmlRejectedError, type XmlLimits } from './xml.js';
import { nonEmptyTextOf } from './xml-read.js';

export { WxCryptoError, wxCryptoErrorCodes, type WxCryptoErrorCode } from './wx-crypto-error.js';
export { msgSignature, oaSignature, verifyOaSignature } from './wxbiz-signature.js';

/**
 * WXBizMsgCrypt, shared by WeCom callbacks and Official Account safe mode:
 * verify → decrypt on the way in, encrypt → sign on the way out (passive replies, and the
 * sandbox when it pushes callbacks).
 */

export interface WxCryptoConfig {
  readonly token: string;
  readonly encodingAesKey: string;
  /** corpid (WeCom) or appid (Official Account). */
  readonly receiveId: string;
}

export interface WxCryptoDeps {
  readonly randomBytes?: RandomBytes;
  readonly clock?: Clock;
  readonly nonce?: () => string;
}

export interface SignedQuery {
  readonly msgSignature: string | undefined;
  readonly timestamp: string;
  readonly nonce: string;
}

export interface OpenedCallback {
  /** The decrypted XML, ready for the channel's callback parser. */
  readonly plaintext: string;
  readonly toUserName?: string;
  readonly agentId?: string;
}

export interface SealedMessage {
  readonly encrypt: string;
  readonly msgSignature: string;
  readonly timestamp: string;
  readonly nonce: string;
}

export interface SealOptions {
  readonly timestamp?: string;
  readonly nonce?: string;
}

export class WxBizMsgCrypt {
  private readonly aes: WxAesKey;
  private readonly random: RandomBytes;
  private readonly clock: Clock;
  private readonly makeNonce: () => string;

  /** Throws `aes_key_invalid` at once when the EncodingAESKey is malformed. */
  constructor(
    private readonly config: WxCryptoConfig,
    deps: WxCryptoDeps = {},
  ) {
    this.aes = parseEncodingAesKey(config.encodingAesKey);
    this.random = deps.randomBytes ?? randomBytes;
    this.clock = deps.clock ?? systemClock;
    this.makeNonce = deps.nonce ?? (() => String(randomInt(1_000_000_000, 10_000_000_000)));
  }

  /**
   * WeCom URL verification (`GET ?msg_signature&timestamp&nonce&echostr`): returns the
   * plaintext to answer with, bare. `echostr` is the already URL-decoded value; a `+` that a
   * form decoder turned into a space is restored (base64 never contains spaces).
   */
  verifyUrl(query: SignedQuery & { readonly echostr: string }): string {
    const echostr = query.echostr.replaceAll(' ', '+');
    this.verify(query, echostr);
    return this.decrypt(echostr);
  }

  /** An encrypted POST: parses the envelope, verifies `msg_signature` over Encrypt, decrypts. */
  openCallback(query: SignedQuery, body: string, limits?: XmlLimits): OpenedCallback {
    const envelope = parseEnvelope(body, limits);
    this.verify(query, envelope.encrypt);
    return {
      plaintext: this.decrypt(envelope.encrypt),
      ...(envelope.toUserName === undefined ? {} : { toUserName: envelope.toUserName }),
      ...(envelope.agentId === undefined ? {} : { agentId: envelope.agentId }),
    };
  }

  verify(query: SignedQuery, encrypt: string): void {
    assertSignature(
      query.msgSignature,
      msgSignature(this.config.token, query.timestamp, query.nonce, encrypt),
    );
  }

  /** Decrypts an `Encrypt` value and checks it was meant for this receiver. */
  decrypt(encrypt: string): string {
    return decryptPayload(this.aes, encrypt, this.config.receiveId).message;
  }

  /** Encrypts and signs a message. */
  seal(message: string, options: SealOptions = {}): SealedMessage {
    const timestamp = options.timestamp ?? String(Math.floor(this.clock.now() / 1000));
    const nonce = options.nonce ?? this.makeNonce();
    const encrypt = encryptPayload(this.aes, message, this.config.receiveId, this.random);
    const signature = msgSignature(this.config.token, timestamp, nonce, encrypt);
    return { encrypt, msgSignature: signature, timestamp, nonce };
  }

  /** A passive reply: `<xml><Encrypt/><MsgSignature/><TimeStamp/><Nonce/></xml>`. */
  sealReply(replyXml: string, options?: SealOptions): string {
    const sealed = this.seal(replyXml, options);
    return buildXml({
      Encrypt: sealed.encrypt,
      MsgSignature: sealed.msgSignature,
      TimeStamp: sealed.timestamp,
      Nonce: sealed.nonce,
    });
  }

  /**
   * An encrypted callback as the platform POSTs it (used by the sandbox): the body
   * `<xml><ToUserName/><Encrypt/><AgentID/></xml>` and the query parameters to sign it.
   */
  sealCallback(
    plaintext: string,
    envelope: { readonly toUserName: string; readonly agentId?: string },
    options?: SealOptions,
  ): { body: string; query: { msg_signature: string; timestamp: string; nonce: string } } {
    const sealed = this.seal(plaintext, options);
    return {
      body: buildXml({
        ToUserName: envelope.toUserName,
        Encrypt: sealed.encrypt,
        AgentID: envelope.agentId,
      }),
      query: {
        msg_signature: sealed.msgSignature,
        timestamp: sealed.timestamp,
        nonce: sealed.nonce,
      },
    };
  }
}

interface Envelope {
  readonly encrypt: string;
  readonly toUserName: string | undefined;
  readonly agentId: string | undefined;
}

function parseEnvelope(body: string, limits?: XmlLimits): Envelope {
  try {
    const root = parseXml(body, limits);
    const encrypt = nonEmptyTextOf(root, 'Encrypt');
    if (encrypt === undefined) throw new WxCryptoError('xml_parse', 'envelope has no <Encrypt>');
    return {
      encrypt,
      toUserName: nonEmptyTextOf(root, 'ToUserName'),
      agentId: nonEmptyTextOf(root, 'AgentID'),
    };
  } catch (error) {
    if (error instanceof XmlRejectedError) {
      throw new WxCryptoError('xml_parse', `envelope rejected: ${error.message}`, { cause: error });
    }
    throw error;
  }
}
