import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMiniProgramClient } from '../channels/miniprogram/miniprogram-client.js';
import { createOaClient } from '../channels/oa/client/oa-client.js';
import { isWechatApiError } from '../channels/shared/api-errors.js';
import { createWecomClient } from '../channels/wecom/client/wecom-client.js';
import { ManualClock } from '../platform/clock.js';
import { createTestDatabase, type TestDatabase } from '../testing/db.js';
import { SandboxClient } from './client/control-client.js';
import { startSandboxServer, type RunningSandbox } from './index.js';

/**
 * Siyu's own platform clients (src/channels) against the sandbox over HTTP: the product
 * talks to it exactly as to qyapi.weixin.qq.com and api.weixin.qq.com, only the base URL changes.
 */
describe('Siyu channel clients against the sandbox', () => {
  let database: TestDatabase;
  let running: RunningSandbox;
  let control: SandboxClient;
  const clock = new ManualClock(Date.now());

  beforeAll(async () => {
    database = await createTestDatabase();
    running = await startSandboxServer({ port: 0, clock });
    control = new SandboxClient(running.url);
  });
  afterAll(async () => {
    await running.close();
    await database.close();
  });

  const wecom = () => {
    const corp = Object.values(running.sandbox.state.corps)[0]!;
    const app = corp.apps.find((a) => a.kind === 'app')!;
    return createWecomClient({
      db: database.db,
      corpId: corp.corpid,
      secret: app.secret,
      agentId: app.agentid,
      baseUrl: running.url,
    });
  };
  const oa = () => {
    const account = Object.values(running.sandbox.state.officialAccounts)[0]!;
    return createOaClient({
      db: database.db,
      appId: account.appid,
      secret: account.secret,
      baseUrl: running.url,
    });
  };

  it('runs a channel code, the welcome message, contact reads, tags and a confirmed mass send', async () => {
    const client = wecom();
    await client.verifyCredentials();
    const way = await client.contactWays.add({
      kind: 'single',
      scene: 'qrcode',
      userIds: ['zhangwei'],
      state: 'poster_1',
    });
    expect(way.qrCodeUrl).toMatch(/\/sandbox\/qr\/contact-way\/[0-9a-f]{32}\.png$/);
    expect(await client.contactWays.get(way.configId)).toMatchObject({
      kind: 'single',
      state: 'poster_1',
      userIds: ['zhangwei'],
    });

    const added = await control.addContact('c1', { configId: way.configId });
    await client.welcome.send({
      welcomeCode: added.welcomeCode!,
      text: '欢迎加入！',
      attachments: [{ type: 'link', title: '新人礼', url: 'https://shop.example.com/gift' }],
    });
    const again = client.welcome.send({ welcomeCode: added.welcomeCode!, text: '再来一次' });
    await expect(again).rejects.toSatisfy((e: unknown) => isWechatApiError(e, 'already_done'));
    expect((await control.inbox('c1')).map((m) => [m.channel, m.text, m.links])).toEqual([
      ['wecom_welcome', '欢迎加入！', ['https://shop.example.com/gift']],
    ]);

    const detail = await client.externalContacts.get(added.externalUserid);
    expect(detail.followUsers).toEqual([
      expect.objectContaining({ userId: 'zhangwei', state: 'poster_1' }),
    ]);
    expect(await client.externalContacts.list('zhangwei')).toContain(added.externalUserid);
    const batch = await client.externalContacts.batchGetByUser({ userIds: ['zhangwei'] });
    expect(batch.items.map((i) => i.contact.externalUserId)).toContain(added.externalUserid);

    const groups = await client.corpTags.list();
    const vip = groups.find((g) => g.name === '客户等级')!.tags.find((t) => t.name === 'VIP')!;
    await client.corpTags.mark({
      userId: 'zhangwei',
      externalUserId: added.externalUserid,
      addTagIds: [vip.id],
    });

    const mass = await client.massSend.create({
      chatType: 'single',
      sender: 'zhangwei',
      externalUserIds: [added.externalUserid],
      text: '会员日',
    });
    expect(mass.failedExternalUserIds).toEqual([]);
    await control.confirmMassSend('zhangwei', mass.msgId);
    const results = await client.massSend.sendResults({ msgId: mass.msgId, userId: 'zhangwei' });
    expect(results.items).toEqual([
      expect.objectContaining({ externalUserId: added.externalUserid, status: 'sent' }),
    ]);
  });

  it('refreshes an expired token once and goes on (42001)', async () => {
    const client = wecom();
    await client.verifyCredentials();
    const issued = () =>
      Object.values(running.sandbox.state.tokens).filter((t) => t.owner.kind === 'wecom').length;
    const before = issued();
    clock.advance(7200_000);
    expect(await client.externalContacts.listFollowUsers()).toContain('zhangwei');
    expect(issued()).toBe(before + 1);
  });

  it('reads and answers WeChat Customer Service messages', async () => {
    const client = wecom();
    const sent = await control.kfMessage('c2', '有优惠吗？');
    const synced = await client.kf.syncMessages({ openKfId: sent.openKfid, token: sent.token });
    expect(synced.messages).toEqual([
      expect.objectContaining({ externalUserId: sent.externalUserid }),
    ]);
    await client.kf.send({
      externalUserId: sent.externalUserid,
      openKfId: sent.openKfid,
      message: { type: 'text', text: '有的，请看' },
    });
    expect((await control.inbox('c2')).map((m) => m.text)).toEqual(['有的，请看']);
  });

  it('runs an Official Account QR follow, user/info and the after-follow message window; a Mini Program login', async () => {
    const client = oa();
    const qr = await client.qrCodes.create({ scene: 'journey-42', expireSeconds: 600 });
    const followed = await control.followOa('c20', { ticket: qr.ticket });
    const user = await client.users.get(followed.openid);
    expect(user).toMatchObject({ subscribed: true });
    for (const n of [1, 2, 3])
      await client.messages.sendCustom({
        toOpenId: followed.openid,
        message: { type: 'text', text: `第${n}条` },
      });
    const fourth = client.messages.sendCustom({
      toOpenId: followed.openid,
      message: { type: 'text', text: '第4条' },
    });
    await expect(fourth).rejects.toSatisfy((e: unknown) => isWechatApiError(e, 'quota_exceeded'));

    const mp = Object.values(running.sandbox.state.miniPrograms)[0]!;
    const login = await control.openMiniProgram('c20');
    const session = await createMiniProgramClient({
      appId: mp.appid,
      secret: mp.secret,
      baseUrl: running.url,
    }).codeToSession(login.jsCode);
    expect(session).toMatchObject({
      openId: login.openid,
      unionId: running.sandbox.state.users.c20!.unionid,
    });
  });
});
