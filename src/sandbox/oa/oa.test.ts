import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseOaCallback } from '../../channels/oa/callbacks.js';
import { createHarnessWithReceiver, type Harness } from '../testing/harness.js';
import type { TestReceiver } from '../testing/receiver.js';
import { field, fieldNames, sample } from '../testing/xml-shape.js';

type H = Harness & { receiver: TestReceiver };

describe('Official Account', () => {
  let h: H;
  beforeEach(async () => {
    h = await createHarnessWithReceiver();
  });
  afterEach(() => h.close());

  const send = (openid: string, content: string) =>
    h.wechat('POST', '/cgi-bin/message/custom/send', {
      touser: openid,
      msgtype: 'text',
      text: { content },
    });

  it('creates parametric QR codes in the documented shape', async () => {
    const temp = await h.wechat('POST', '/cgi-bin/qrcode/create', {
      expire_seconds: 604800,
      action_name: 'QR_STR_SCENE',
      action_info: { scene: { scene_str: 'test' } },
    });
    expect(Object.keys(temp)).toEqual(['ticket', 'expire_seconds', 'url']);
    expect(temp.expire_seconds).toBe(604800);
    expect(temp.url).toMatch(/^http:\/\/weixin\.qq\.com\/q\//);
    const permanent = await h.wechat('POST', '/cgi-bin/qrcode/create', {
      action_name: 'QR_LIMIT_SCENE',
      action_info: { scene: { scene_id: 123 } },
    });
    expect(Object.keys(permanent)).toEqual(['ticket', 'url']);
    expect(
      (
        await h.wechat('POST', '/cgi-bin/qrcode/create', {
          action_name: 'QR_LIMIT_SCENE',
          action_info: { scene: { scene_id: 100001 } },
        })
      ).errcode,
    ).toBe(40053);
    const image = await h.sandbox.app.inject({
      method: 'GET',
      url: `/cgi-bin/showqrcode?ticket=${encodeURIComponent(String(temp.ticket))}`,
    });
    expect(image.headers['content-type']).toBe('image/png');
    expect(image.rawPayload.subarray(0, 8)).toEqual(
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    );
  });

  it('pushes subscribe with qrscene_ and Ticket in safe mode, SCAN for a follower, both parseable', async () => {
    const qr = await h.wechat('POST', '/cgi-bin/qrcode/create', {
      expire_seconds: 600,
      action_name: 'QR_SCENE',
      action_info: { scene: { scene_id: 123123 } },
    });
    const followed = await h.control('POST', '/sandbox/customers/c15/follow-oa?wait=true', {
      ticket: qr.ticket,
    });
    expect(followed.json).toMatchObject({
      event: 'subscribe',
      deliveries: [{ status: 'delivered' }],
    });
    const scanned = await h.control('POST', '/sandbox/customers/c15/scan-oa-qr?wait=true', {
      ticket: qr.ticket,
    });
    expect(scanned.json).toMatchObject({ event: 'SCAN' });
    const [subscribe, scan] = await h.receiver.waitFor(2);

    expect(Object.keys(subscribe!.query).sort()).toEqual([
      'encrypt_type',
      'msg_signature',
      'nonce',
      'openid',
      'signature',
      'timestamp',
    ]);
    expect(subscribe!.query.openid).toBe(followed.json.openid);
    expect(fieldNames(subscribe!.body)).toEqual(['ToUserName', 'Encrypt']);
    expect(fieldNames(subscribe!.plaintext)).toEqual(
      fieldNames(sample('oa', 'mp-callback-subscribe-qrscene.xml')),
    );
    expect(field(subscribe!.plaintext, 'ToUserName')).toBe(h.oa.originalId);
    expect(field(subscribe!.plaintext, 'EventKey')).toBe('qrscene_123123');
    expect(field(subscribe!.plaintext, 'Ticket')).toBe(qr.ticket);
    expect(fieldNames(scan!.plaintext)).toEqual(fieldNames(sample('oa', 'mp-callback-SCAN.xml')));
    expect(field(scan!.plaintext, 'EventKey')).toBe('123123');
    const outcome = parseOaCallback(subscribe!.plaintext, { appId: h.oa.appid });
    expect(outcome.kind).toBe('events');

    const info = await h.wechat(
      'GET',
      `/cgi-bin/user/info?openid=${String(followed.json.openid)}&lang=zh_CN`,
    );
    expect(info).toMatchObject({
      subscribe: 1,
      subscribe_scene: 'ADD_SCENE_QR_CODE',
      qr_scene: 123123,
      unionid: h.sandbox.state.users.c15!.unionid,
    });
  });

  it('pushes plaintext callbacks when the account is in plaintext mode', async () => {
    await h.control('PATCH', `/sandbox/official-accounts/${h.oa.appid}`, {
      encryptMode: 'plaintext',
    });
    await h.control('POST', '/sandbox/customers/c16/follow-oa?wait=true', {});
    const [callback] = await h.receiver.waitFor(1);
    expect(Object.keys(callback!.query).sort()).toEqual([
      'nonce',
      'openid',
      'signature',
      'timestamp',
    ]);
    expect(callback!.body).toBe(callback!.plaintext);
    expect(fieldNames(callback!.plaintext)).toEqual(
      fieldNames(sample('oa', 'mp-callback-subscribe.xml')),
    );
  });

  it('allows 3 customer-service messages within a minute of a follow, then 45047; after the minute 45015', async () => {
    const { openid } = (await h.control('POST', '/sandbox/customers/c17/follow-oa', {})).json as {
      openid: string;
    };
    for (const n of [1, 2, 3]) expect((await send(openid, `消息${n}`)).errcode).toBe(0);
    expect((await send(openid, '消息4')).errcode).toBe(45047);
    h.clock.advance(61_000);
    expect((await send(openid, '消息5')).errcode).toBe(45015);
    const inbox = (await h.control('GET', '/sandbox/customers/c17/messages')).json.messages as {
      channel: string;
      text: string;
    }[];
    expect(inbox.map((m) => [m.channel, m.text])).toEqual([
      ['oa_custom', '消息1'],
      ['oa_custom', '消息2'],
      ['oa_custom', '消息3'],
    ]);
  });

  it('allows 5 messages within 48 hours of the follower’s own message; a new message reopens the window', async () => {
    const { openid } = (
      await h.control('POST', '/sandbox/customers/c1/oa-message?wait=true', { text: '你好' })
    ).json as { openid: string };
    const [text] = await h.receiver.waitFor(1);
    expect(fieldNames(text!.plaintext)).toEqual([
      'ToUserName',
      'FromUserName',
      'CreateTime',
      'MsgType',
      'Content',
      'MsgId',
    ]);
    expect(field(text!.plaintext, 'Content')).toBe('你好');
    h.clock.advance(47 * 3600_000);
    for (let n = 0; n < 5; n += 1) expect((await send(openid, `回复${n}`)).errcode).toBe(0);
    expect((await send(openid, '第六条')).errcode).toBe(45047);
    h.clock.advance(2 * 3600_000);
    expect((await send(openid, '过期')).errcode).toBe(45015);
    await h.control('POST', '/sandbox/customers/c1/oa-message', { text: '在吗' });
    expect((await send(openid, '在的')).errcode).toBe(0);
  });

  it('refuses messages to non-followers and unknown openids', async () => {
    const stranger = h.sandbox.state.users.c20!.openids[h.oa.appid]!;
    expect((await send(stranger, 'hi')).errcode).toBe(45015);
    expect((await send('oNOPE', 'hi')).errcode).toBe(40003);
    expect(
      (await h.control('POST', '/sandbox/customers/c20/oa-message', { text: 'x' })).status,
    ).toBe(409);
  });

  it('sends template messages to followers and pushes TEMPLATESENDJOBFINISH', async () => {
    const templateId = Object.keys(h.oa.templates)[0]!;
    const openid = h.sandbox.state.users.c2!.openids[h.oa.appid]!;
    const res = await h.wechat('POST', '/cgi-bin/message/template/send', {
      touser: openid,
      template_id: templateId,
      url: 'https://shop.example.com/orders/42',
      data: { first: { value: '您的订单已发货', color: '#173177' }, keyword1: { value: '巧克力' } },
    });
    expect(res).toEqual({ errcode: 0, errmsg: 'ok', msgid: expect.any(Number) });
    const [finish] = await h.receiver.waitFor(1);
    expect(fieldNames(finish!.plaintext)).toEqual(
      fieldNames(sample('oa', 'mp-callback-TEMPLATESENDJOBFINISH.xml')),
    );
    expect(field(finish!.plaintext, 'MsgID')).toBe(String(res.msgid));
    expect(field(finish!.plaintext, 'Status')).toBe('success');
    const inbox = (await h.control('GET', '/sandbox/customers/c2/messages')).json.messages;
    expect(inbox).toEqual([
      expect.objectContaining({
        channel: 'oa_template',
        text: '您的订单已发货',
        links: ['https://shop.example.com/orders/42'],
      }),
    ]);
    const stranger = h.sandbox.state.users.c20!.openids[h.oa.appid]!;
    expect(
      (
        await h.wechat('POST', '/cgi-bin/message/template/send', {
          touser: stranger,
          template_id: templateId,
          data: {},
        })
      ).errcode,
    ).toBe(43004);
    expect(
      (
        await h.wechat('POST', '/cgi-bin/message/template/send', {
          touser: openid,
          template_id: 'nope',
          data: {},
        })
      ).errcode,
    ).toBe(40037);
  });

  it('records a passive reply as a message the person received', async () => {
    h.receiver.script.push({
      reply: `<xml><ToUserName><![CDATA[x]]></ToUserName><FromUserName><![CDATA[${h.oa.originalId}]]></FromUserName><CreateTime>1</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[欢迎关注！]]></Content></xml>`,
    });
    await h.control('PATCH', `/sandbox/official-accounts/${h.oa.appid}`, {
      encryptMode: 'plaintext',
    });
    await h.control('POST', '/sandbox/customers/c18/follow-oa?wait=true', {});
    const inbox = (await h.control('GET', '/sandbox/customers/c18/messages')).json.messages;
    expect(inbox).toEqual([
      expect.objectContaining({ channel: 'oa_passive_reply', msgtype: 'text', text: '欢迎关注！' }),
    ]);
  });

  it('exchanges a js_code once for the openid and unionid (then 40029)', async () => {
    const mp = Object.values(h.sandbox.state.miniPrograms)[0]!;
    const opened = (await h.control('POST', '/sandbox/customers/c3/open-mini-program', {})).json;
    const url = `/sns/jscode2session?appid=${mp.appid}&secret=${mp.secret}&js_code=${String(opened.jsCode)}&grant_type=authorization_code`;
    const first = (await h.control('GET', url)).json;
    expect(first).toEqual({
      session_key: expect.any(String),
      openid: opened.openid,
      unionid: h.sandbox.state.users.c3!.unionid,
    });
    expect((await h.control('GET', url)).json.errcode).toBe(40029);
    expect((await h.control('GET', url.replace(mp.secret, 'bad'))).json.errcode).toBe(40125);
    const token = (
      await h.control(
        'GET',
        `/cgi-bin/token?grant_type=client_credential&appid=${mp.appid}&secret=${mp.secret}`,
      )
    ).json;
    expect(Object.keys(token)).toEqual(['access_token', 'expires_in']);
  });

  it('keeps the previous OA token valid for five minutes after a new one is issued', async () => {
    const url = `/cgi-bin/token?grant_type=client_credential&appid=${h.oa.appid}&secret=${h.oa.secret}`;
    const old = String((await h.control('GET', url)).json.access_token);
    await h.control('GET', url);
    const info = (t: string) => h.control('GET', `/cgi-bin/user/get?access_token=${t}`);
    expect((await info(old)).json.total).toBe(8);
    h.clock.advance(301_000);
    expect((await info(old)).json.errcode).toBe(42001);
    expect((await h.control('GET', url.replace(h.oa.secret, 'bad'))).json).toEqual({
      errcode: 40125,
      errmsg: expect.stringMatching(/^invalid appsecret rid: [0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}$/),
    });
  });
});
