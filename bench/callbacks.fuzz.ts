/**
 * Malformed and forged WeCom callbacks for the fuzz run, drawn from a seeded PRNG so a run can
 * be repeated exactly. None of them may be stored: each is forged (bad signature, wrong key,
 * wrong receiver, unknown address), malformed (ciphertext, padding, XML, content type, query)
 * or too large. Valid envelopes wrap only plaintexts that are not well-formed callback XML.
 */
import { createCipheriv } from 'node:crypto';
import { msgSignature } from '../src/channels/shared/wxbiz-crypto.js';
import { parseEncodingAesKey, pkcs7Pad } from '../src/channels/shared/wxbiz-cipher.js';
import {
  addExternalContactXml,
  benchConnection,
  benchCrypt,
  callbackPath,
  type BenchRequest,
} from './callbacks.fixtures.js';

/** mulberry32: small, fast, good enough to pick fuzz cases reproducibly. */
export class Prng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }
  bytes(size: number): Buffer {
    const out = Buffer.alloc(size);
    for (let i = 0; i < size; i++) out[i] = Math.floor(this.next() * 256);
    return out;
  }
  text(length: number, alphabet: string): string {
    let out = '';
    for (let i = 0; i < length; i++) out += alphabet[Math.floor(this.next() * alphabet.length)];
    return out;
  }
}

type Query = Record<string, string | string[]>;

interface FuzzContext {
  prng: Prng;
  index: number;
}

const base64Alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const noisyAlphabet = `${base64Alphabet}=-_.!~*'() %&<>"\\中文é\u0000\t\n`;
const slugAlphabet = 'abcdefghijklmnopqrstuvwxyz0123456789-';
const corp = benchConnection.corpId;
const aes = parseEncodingAesKey(benchConnection.aesKey);

/** A query string; an array repeats the parameter, an empty array leaves it out. */
function queryString(query: Query): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query))
    for (const v of Array.isArray(value) ? value : [value]) params.append(name, v);
  return params.toString();
}

function post(query: Query, body: string | Buffer, slug?: string, contentType = 'text/xml') {
  const headers: Record<string, string> = contentType === '' ? {} : { 'content-type': contentType };
  return {
    method: 'POST' as const,
    path: `${callbackPath(slug)}?${queryString(query)}`,
    headers,
    body: Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8'),
  };
}

const envelope = (encrypt: string) =>
  `<xml><ToUserName><![CDATA[${corp}]]></ToUserName><Encrypt><![CDATA[${encrypt}]]></Encrypt><AgentID><![CDATA[${benchConnection.agentId}]]></AgentID></xml>`;

/** A correctly signed query over `encrypt` (so the request gets past the signature check). */
function signed(ctx: FuzzContext, encrypt: string): Query {
  const timestamp = String(1_760_000_000 + ctx.index);
  const nonce = String(ctx.prng.int(100_000_000, 999_999_999));
  return {
    msg_signature: msgSignature(benchConnection.token, timestamp, nonce, encrypt),
    timestamp,
    nonce,
  };
}

/** AES-256-CBC over raw bytes with the connection's key, no padding added. */
function encryptRaw(plain: Buffer): string {
  const cipher = createCipheriv('aes-256-cbc', aes.key, aes.iv).setAutoPadding(false);
  return Buffer.concat([cipher.update(plain), cipher.final()]).toString('base64');
}

/** The protocol's plaintext layout around arbitrary message bytes. */
function frame(ctx: FuzzContext, message: Buffer, declaredLength = message.length): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(declaredLength >>> 0, 0);
  return Buffer.concat([ctx.prng.bytes(16), length, message, Buffer.from(corp, 'utf8')]);
}

/** A valid, signed envelope around an arbitrary (not well-formed) plaintext. */
function sealedGarbage(ctx: FuzzContext, message: Buffer): BenchRequest {
  const encrypt = encryptRaw(pkcs7Pad(frame(ctx, message)));
  return post(signed(ctx, encrypt), envelope(encrypt));
}

function sealedWith(
  ctx: FuzzContext,
  overrides: Parameters<typeof benchCrypt>[0],
  plaintext = addExternalContactXml(10_000_000 + ctx.index),
) {
  const crypt = benchCrypt(overrides, {
    randomBytes: (n) => ctx.prng.bytes(n),
    nonce: () => String(ctx.prng.int(100_000_000, 999_999_999)),
    clock: { now: () => 1_760_000_000_000 + ctx.index * 1000 },
  });
  const { body, query } = crypt.sealCallback(plaintext, {
    toUserName: corp,
    agentId: String(benchConnection.agentId),
  });
  const encrypt = /<Encrypt><!\[CDATA\[(.*?)\]\]>/.exec(body)![1]!;
  return { body, query: query as Query, encrypt };
}

const dtds = [
  '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><xml><Encrypt>&lol2;</Encrypt></xml>',
  '<!DOCTYPE xml [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><xml><ToUserName>&xxe;</ToUserName><Encrypt>abc</Encrypt></xml>',
  '<!DOCTYPE xml SYSTEM "http://127.0.0.1:1/evil.dtd"><xml><Encrypt>abc</Encrypt></xml>',
  '<xml><!ENTITY x "y"><Encrypt>abc</Encrypt></xml>',
  '<?xml-stylesheet href="evil.xsl"?><xml><Encrypt>abc</Encrypt></xml>',
  '<xml><?php system("id"); ?><Encrypt>abc</Encrypt></xml>',
];

function garbageXml(ctx: FuzzContext): string {
  const valid = addExternalContactXml(20_000_000 + ctx.index);
  const { prng } = ctx;
  switch (prng.int(0, 9)) {
    case 0:
      return valid.slice(0, prng.int(0, valid.length - 1)); // truncated
    case 1:
      return valid.replace(/^<xml>/, '<notxml>').replace(/<\/xml>$/, '</notxml>');
    case 2:
      return `${'<a>'.repeat(prng.int(11, 200))}x${'</a>'.repeat(3)}`;
    case 3:
      return valid.replace('<FromUserName>', 'stray text<FromUserName>');
    case 4:
      return `${valid}${prng.text(prng.int(1, 20), 'abc<>&;')}`;
    case 5:
      return prng.pick(dtds);
    case 6:
      return `${valid}<xml></xml>`;
    case 7:
      return valid.replace('<UserID>', '<UserID><!ENTITY a "b">');
    case 8:
      return prng.text(prng.int(0, 300), noisyAlphabet);
    default:
      return valid.replace('</CreateTime>', '</CreatTime>');
  }
}

const generators: Record<string, (ctx: FuzzContext) => BenchRequest> = {
  bad_signature: (ctx) => {
    const s = sealedWith(ctx, {});
    const sig = String(s.query.msg_signature);
    const forged =
      ctx.prng.next() < 0.5
        ? ctx.prng.text(40, '0123456789abcdef')
        : `${sig.slice(0, 39)}${sig.at(-1) === '0' ? '1' : '0'}`;
    return post({ ...s.query, msg_signature: forged }, s.body);
  },
  wrong_token: (ctx) => {
    const s = sealedWith(ctx, { token: `forged${ctx.prng.text(10, base64Alphabet)}` });
    return post(s.query, s.body);
  },
  tampered_query: (ctx) => {
    const s = sealedWith(ctx, {});
    const name = ctx.prng.pick(['timestamp', 'nonce']);
    return post({ ...s.query, [name]: `${String(s.query[name])}1` }, s.body);
  },
  huge_query: (ctx) => {
    const s = sealedWith(ctx, {});
    const name = ctx.prng.pick(['msg_signature', 'timestamp', 'nonce']);
    return post(
      { ...s.query, [name]: ctx.prng.text(ctx.prng.int(100, 6000), noisyAlphabet) },
      s.body,
    );
  },
  wrong_receiveid: (ctx) => {
    const s = sealedWith(ctx, { corpId: `ww${ctx.prng.text(16, '0123456789abcdef')}` });
    return post(s.query, s.body);
  },
  wrong_aes_key: (ctx) => {
    const s = sealedWith(ctx, { aesKey: ctx.prng.text(43, base64Alphabet) });
    return post(s.query, s.body);
  },
  truncated_base64: (ctx) => {
    const { encrypt } = sealedWith(ctx, {});
    const cut = encrypt.slice(0, ctx.prng.int(1, encrypt.length - 1));
    return post(signed(ctx, cut), envelope(cut));
  },
  garbage_base64: (ctx) => {
    const value = ctx.prng.text(ctx.prng.int(1, 600), noisyAlphabet).replaceAll(']]>', '');
    return post(signed(ctx, value.trim() || '!'), envelope(value.trim() || '!'));
  },
  not_whole_blocks: (ctx) => {
    const value = ctx.prng.bytes(ctx.prng.pick([1, 8, 15, 17, 31, 33, 47])).toString('base64');
    return post(signed(ctx, value), envelope(value));
  },
  bad_padding: (ctx) => {
    const padded = pkcs7Pad(frame(ctx, Buffer.from(addExternalContactXml(ctx.index))));
    const last = padded.length - 1;
    const mode = ctx.prng.int(0, 2);
    if (mode === 0) padded[last] = 0;
    else if (mode === 1) padded[last] = ctx.prng.int(33, 255);
    else if (padded[last]! > 1) padded[last - 1] = padded[last]! ^ 0x55;
    else padded[last] = 0;
    const encrypt = encryptRaw(padded);
    return post(signed(ctx, encrypt), envelope(encrypt));
  },
  bad_length_field: (ctx) => {
    const message = Buffer.from(addExternalContactXml(ctx.index));
    const declared = message.length + corp.length + ctx.prng.int(1, 2 ** 31);
    const encrypt = encryptRaw(pkcs7Pad(frame(ctx, message, declared)));
    return post(signed(ctx, encrypt), envelope(encrypt));
  },
  invalid_utf8: (ctx) =>
    sealedGarbage(
      ctx,
      Buffer.concat([
        Buffer.from('<xml><A>'),
        Buffer.from([0xc3, 0x28, 0xff]),
        Buffer.from('</A></xml>'),
      ]),
    ),
  random_bytes_body: (ctx) => {
    const body = ctx.prng.bytes(ctx.prng.int(0, 4096));
    return post(signed(ctx, body.toString('base64').slice(0, 64) || 'x'), body);
  },
  doctype_envelope: (ctx) => {
    const dtd = ctx.prng.pick(dtds);
    return post(signed(ctx, 'abc'), dtd);
  },
  malformed_envelope: (ctx) => {
    const { encrypt } = sealedWith(ctx, {});
    const body = ctx.prng.pick([
      `<xml><ToUserName>${corp}</ToUserName></xml>`,
      '<xml><Encrypt></Encrypt></xml>',
      `<xml><Encrypt><![CDATA[${encrypt}]]></Encrypt>`,
      `<xml><Encrypt>${encrypt}</Encrypt></xml><xml></xml>`,
      `<root><Encrypt>${encrypt}</Encrypt></root>`,
      `<xml><Encrypt><a>${encrypt}</a>text</Encrypt></xml>`,
      `<xml><Encrypt>${encrypt}</Encrypt></xml>trailing`,
      `${'<xml>'.repeat(50)}${encrypt}`,
      '',
      ' ',
      `{"Encrypt":"${encrypt}"}`,
    ]);
    return post(signed(ctx, encrypt), body);
  },
  garbage_plaintext: (ctx) => sealedGarbage(ctx, Buffer.from(garbageXml(ctx), 'utf8')),
  empty_plaintext: (ctx) => sealedGarbage(ctx, Buffer.alloc(0)),
  oversize: (ctx) => {
    const size = ctx.prng.int(64 * 1024 + 1, 320 * 1024);
    const filler = 'A'.repeat(size);
    return post(signed(ctx, filler), envelope(filler));
  },
  wrong_content_type: (ctx) => {
    const s = sealedWith(ctx, {});
    const type = ctx.prng.pick([
      'application/json',
      'text/plain',
      'text/html',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=xyz',
      'application/octet-stream',
      'xml',
      '',
    ]);
    return post(s.query, s.body, undefined, type);
  },
  missing_params: (ctx) => {
    const s = sealedWith(ctx, {});
    const names = ['msg_signature', 'timestamp', 'nonce'];
    const mode = ctx.prng.int(0, 2);
    const name = ctx.prng.pick(names);
    const dropped = names.filter((n) => n === name || ctx.prng.next() < 0.3);
    const query: Query = Object.fromEntries(
      Object.entries(s.query).filter(([n]) => mode !== 0 || !dropped.includes(n)),
    );
    if (mode === 1) query[name] = '';
    else if (mode === 2) query[name] = [String(query[name]), String(query[name])];
    return post(query, s.body);
  },
  unknown_slug: (ctx) => {
    let slug = ctx.prng.text(ctx.prng.int(1, 40), slugAlphabet);
    if (slug === benchConnection.slug) slug = `${slug}x`;
    const s = sealedWith(ctx, {});
    return post(s.query, s.body, slug);
  },
  forged_url_verification: (ctx) => {
    const s = sealedWith(ctx, {}, String(ctx.prng.int(1, 2 ** 31)));
    const query: Query = { ...s.query, echostr: s.encrypt };
    const mode = ctx.prng.int(0, 2);
    if (mode === 0) query.msg_signature = ctx.prng.text(40, '0123456789abcdef');
    else if (mode === 1) query.echostr = [];
    else Object.assign(query, signed(ctx, 'AAAA'), { echostr: 'AAAA' });
    return {
      method: 'GET',
      path: `${callbackPath()}?${queryString(query)}`,
      headers: {},
      body: Buffer.alloc(0),
    };
  },
};

export const fuzzCategories = Object.keys(generators);

/**
 * The fuzz requests drawn from `seed`, made one at a time (a run of 100,000 with oversize
 * bodies would not fit in memory at once): call it with 0, 1, 2, … in order.
 */
export function fuzzCases(
  seed: number,
): (index: number) => { category: string; request: BenchRequest } {
  const prng = new Prng(seed);
  let expected = 0;
  return (index) => {
    if (index !== expected++) throw new Error(`fuzz cases are made in order (${index} asked)`);
    const category = fuzzCategories[index % fuzzCategories.length]!;
    return { category, request: generators[category]!({ prng, index }) };
  };
}
