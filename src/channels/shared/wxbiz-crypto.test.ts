import { decrypt as wecomDecrypt, encrypt as wecomEncrypt, getSignature } from '@wecom/crypto';
import { describe, expect, it } from 'vitest';
import { ManualClock } from '../../platform/clock.js';
import {
  WxBizMsgCrypt,
  WxCryptoError,
  msgSignature,
  oaSignature,
  verifyOaSignature,
} from './wxbiz-crypto.js';
import { parseXml } from './xml.js';
import { textOf } from './xml-read.js';

// The official sample vector (WeCom Python SDK sample), see docs/wechat-protocol.md §1.
const token = 'hJqcu3uJ9Tn2gXPmxx2w9kkCkCE2EPYo';
const encodingAesKey = '6qkdMrq68nTKduznJYO1A37W2oEgpkMUvkttRToqhUt';
const corpId = 'ww1436e0e65a779aee';
const urlVerification = {
  msgSignature: '012bc692d0a58dd4b10f8dfe5c4ac00ae211ebeb',
  timestamp: '1476416373',
  nonce: '47744683',
  echostr:
    'fsi1xnbH4yQh0+PJxcOdhhK6TDXkjMyhEPA7xB2TGz6b+g7xyAbEkRxN/3cNXW9qdqjnoVzEtpbhnFyq6SVHyA==',
};
const messageQuery = {
  msgSignature: '0c3914025cb4b4d68103f6bfc8db550f79dcf48e',
  timestamp: '1476422779',
  nonce: '1597212914',
};
const messageEncrypt =
  'Kl7kjoSf6DMD1zh7rtrHjFaDapSCkaOnwu3bqLc5tAybhhMl9pFeK8NslNPVdMwmBQTNoW4mY7AIjeLvEl3NyeTkAgGzBhzTtRLNshw2AEew+kkYcD+Fq72Kt00fT0WnN87hGrW8SqGc+NcT3mu87Ha3dz1pSDi6GaUA6A0sqfde0VJPQbZ9U+3JWcoD4Z5jaU0y9GSh010wsHF8KZD24YhmZH4ch4Ka7ilEbjbfvhKkNL65HHL0J6EYJIZUC2pFrdkJ7MhmEbU2qARR4iQHE7wy24qy0cRX3Mfp6iELcDNfSsPGjUQVDGxQDCWjayJOpcwocugux082f49HKYg84EpHSGXAyh+/oxwaWbvL6aSDPOYuPDGOCI8jmnKiypE+';
const messageBody = `<xml><ToUserName><![CDATA[${corpId}]]></ToUserName><Encrypt><![CDATA[${messageEncrypt}]]></Encrypt><AgentID><![CDATA[1000002]]></AgentID></xml>`;

const crypto = new WxBizMsgCrypt({ token, encodingAesKey, receiveId: corpId });

function codeOf(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof WxCryptoError) return error.code;
    throw error;
  }
  throw new Error('expected a WxCryptoError');
}

describe('official sample vector', () => {
  it('answers URL verification with the bare decrypted echostr', () => {
    expect(crypto.verifyUrl(urlVerification)).toBe('1288432023552776189');
  });

  it('checks the URL verification signature', () => {
    expect(
      msgSignature(
        token,
        urlVerification.timestamp,
        urlVerification.nonce,
        urlVerification.echostr,
      ),
    ).toBe(urlVerification.msgSignature);
    const tampered = { ...urlVerification, nonce: '47744684' };
    expect(codeOf(() => crypto.verifyUrl(tampered))).toBe('signature_mismatch');
  });

  it('restores a + that form decoding turned into a space in echostr', () => {
    const spaced = { ...urlVerification, echostr: urlVerification.echostr.replaceAll('+', ' ') };
    expect(crypto.verifyUrl(spaced)).toBe('1288432023552776189');
  });

  it('opens the sample message: a 228-byte text from ChenJiaShun', () => {
    expect(msgSignature(token, messageQuery.timestamp, messageQuery.nonce, messageEncrypt)).toBe(
      messageQuery.msgSignature,
    );
    const opened = crypto.openCallback(messageQuery, messageBody);
    expect(opened.toUserName).toBe(corpId);
    expect(opened.agentId).toBe('1000002');
    expect(Buffer.byteLength(opened.plaintext, 'utf8')).toBe(228);
    const message = parseXml(opened.plaintext);
    expect(textOf(message, 'FromUserName')).toBe('ChenJiaShun');
    expect(textOf(message, 'MsgType')).toBe('text');
    expect(textOf(message, 'Content')).toBe('你好');
    expect(textOf(message, 'MsgId')).toBe('1456453720');
  });

  it('rejects the sample message under a wrong signature or for another corp', () => {
    const badQuery = { ...messageQuery, msgSignature: '0'.repeat(40) };
    expect(codeOf(() => crypto.openCallback(badQuery, messageBody))).toBe('signature_mismatch');
    expect(
      codeOf(() => crypto.openCallback({ ...messageQuery, msgSignature: undefined }, messageBody)),
    ).toBe('signature_mismatch');
    const otherCorp = new WxBizMsgCrypt({ token, encodingAesKey, receiveId: 'ww0000000000000000' });
    expect(codeOf(() => otherCorp.openCallback(messageQuery, messageBody))).toBe(
      'receiveid_mismatch',
    );
  });

  it('reports an envelope that is not XML or has no Encrypt as xml_parse (-40002)', () => {
    const error = (() => {
      try {
        crypto.openCallback(messageQuery, 'not xml');
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(WxCryptoError);
    expect((error as WxCryptoError).code).toBe('xml_parse');
    expect((error as WxCryptoError).sdkCode).toBe(-40002);
    expect(
      codeOf(() => crypto.openCallback(messageQuery, '<xml><ToUserName>a</ToUserName></xml>')),
    ).toBe('xml_parse');
  });
});

describe('EncodingAESKey validation', () => {
  it.each([
    ['too short', encodingAesKey.slice(0, 42)],
    ['too long', `${encodingAesKey}A`],
    ['with = padding', `${encodingAesKey}=`],
    ['with a non-base64 character', `${encodingAesKey.slice(0, 42)}!`],
    ['empty', ''],
  ])('rejects a key that is %s up front', (_label, key) => {
    expect(codeOf(() => new WxBizMsgCrypt({ token, encodingAesKey: key, receiveId: corpId }))).toBe(
      'aes_key_invalid',
    );
  });
});

describe('interop with @wecom/crypto', () => {
  const samples = [
    '',
    'hello',
    '<xml><Content><![CDATA[你好 👋🏽]]></Content></xml>',
    'x'.repeat(40_000),
  ];

  it.each(samples.map((s) => [s.length, s]))('ours → theirs (%i chars)', (_len, message) => {
    const sealed = crypto.seal(message);
    expect(wecomDecrypt(encodingAesKey, sealed.encrypt)).toMatchObject({ message, id: corpId });
    expect(getSignature(token, sealed.timestamp, sealed.nonce, sealed.encrypt)).toBe(
      sealed.msgSignature,
    );
  });

  it.each(samples.map((s) => [s.length, s]))('theirs → ours (%i chars)', (_len, message) => {
    const encrypt = wecomEncrypt(encodingAesKey, message, corpId);
    const signature = getSignature(token, '1700000000', 'n0nce', encrypt);
    const body = `<xml><ToUserName><![CDATA[${corpId}]]></ToUserName><Encrypt><![CDATA[${encrypt}]]></Encrypt></xml>`;
    const query = { msgSignature: signature, timestamp: '1700000000', nonce: 'n0nce' };
    expect(crypto.openCallback(query, body).plaintext).toBe(message);
  });

  it('refuses an envelope beyond the XML size cap unless the limit is raised', () => {
    const encrypt = wecomEncrypt(encodingAesKey, 'y'.repeat(70_000), corpId);
    const query = {
      msgSignature: getSignature(token, '1', '2', encrypt),
      timestamp: '1',
      nonce: '2',
    };
    const body = `<xml><Encrypt><![CDATA[${encrypt}]]></Encrypt></xml>`;
    expect(codeOf(() => crypto.openCallback(query, body))).toBe('xml_parse');
    expect(crypto.openCallback(query, body, { maxBytes: 200_000 }).plaintext).toHaveLength(70_000);
  });

  it('produces byte-identical ciphertext given the same random prefix', () => {
    const random = Buffer.from('0123456789abcdef');
    const ours = new WxBizMsgCrypt(
      { token, encodingAesKey, receiveId: corpId },
      { randomBytes: () => Buffer.from(random) },
    );
    const message = '<xml><Content><![CDATA[同一个随机数]]></Content></xml>';
    expect(ours.seal(message).encrypt).toBe(wecomEncrypt(encodingAesKey, message, corpId, random));
  });
});

describe('sealing replies and callbacks', () => {
  const deterministic = new WxBizMsgCrypt(
    { token, encodingAesKey, receiveId: corpId },
    {
      randomBytes: (size) => Buffer.alloc(size, 7),
      clock: new ManualClock(Date.UTC(2026, 10, 25, 12, 0, 0)),
      nonce: () => '424242',
    },
  );

  it('builds a passive-reply envelope that the platform can verify and decrypt', () => {
    const reply =
      '<xml><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[收到]]></Content></xml>';
    const envelope = deterministic.sealReply(reply);
    expect(envelope).toBe(deterministic.sealReply(reply));
    const root = parseXml(envelope);
    expect([...root.children.keys()]).toEqual(['Encrypt', 'MsgSignature', 'TimeStamp', 'Nonce']);
    const timestamp = textOf(root, 'TimeStamp')!;
    expect(timestamp).toBe(String(Date.UTC(2026, 10, 25, 12, 0, 0) / 1000));
    expect(textOf(root, 'Nonce')).toBe('424242');
    const encrypt = textOf(root, 'Encrypt')!;
    expect(getSignature(token, timestamp, '424242', encrypt)).toBe(textOf(root, 'MsgSignature'));
    expect(wecomDecrypt(encodingAesKey, encrypt).message).toBe(reply);
  });

  it('seals a callback the receiver side opens again', () => {
    const plaintext = '<xml><Event><![CDATA[change_external_contact]]></Event></xml>';
    const { body, query } = deterministic.sealCallback(plaintext, {
      toUserName: corpId,
      agentId: '1000002',
    });
    const opened = crypto.openCallback(
      { msgSignature: query.msg_signature, timestamp: query.timestamp, nonce: query.nonce },
      body,
    );
    expect(opened).toEqual({ plaintext, toUserName: corpId, agentId: '1000002' });
  });
});

describe('Official Account 3-item signature', () => {
  it('signs sorted token, timestamp, nonce and verifies in constant time', () => {
    const signature = oaSignature('oatoken', '1395658920', '1320562132');
    expect(signature).toMatch(/^[0-9a-f]{40}$/);
    expect(signature).toBe(getSignatureOf3('oatoken', '1395658920', '1320562132'));
    expect(() =>
      verifyOaSignature('oatoken', { signature, timestamp: '1395658920', nonce: '1320562132' }),
    ).not.toThrow();
    expect(() =>
      verifyOaSignature('oatoken', {
        signature: signature.toUpperCase(),
        timestamp: '1395658920',
        nonce: '1320562132',
      }),
    ).not.toThrow();
    expect(
      codeOf(() =>
        verifyOaSignature('other', { signature, timestamp: '1395658920', nonce: '1320562132' }),
      ),
    ).toBe('signature_mismatch');
    expect(codeOf(() => verifyOaSignature('oatoken', { timestamp: '1', nonce: '2' }))).toBe(
      'signature_mismatch',
    );
  });
});

/** An independent computation of the 3-item signature, as the OA docs describe it. */
function getSignatureOf3(...parts: string[]): string {
  // @wecom/crypto's getSignature sorts and joins its four arguments; an empty fourth keeps
  // the joined string identical to the three-item form.
  return getSignature(parts[0]!, parts[1]!, parts[2]!, '');
}
