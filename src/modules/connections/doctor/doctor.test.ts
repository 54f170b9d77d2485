import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeTime, ScriptedServer } from '../../../channels/shared/testing/scripted-server.js';
import { InProcessRateLimiter } from '../../../channels/shared/rate-limiter.js';
import { createTestApp, type TestApp } from '../../../testing/app.js';
import { publicBase } from '../callback-url.js';
import type { CreateConnectionInput } from '../connection.schemas.js';
import { oaInput, seedConnection, wecomInput } from '../connections.testing.js';
import { signedInAs } from '../../workspace/workspace.testing.js';
import type { DoctorLang } from './check.js';
import { diagnose, type DoctorReport } from './doctor.service.js';

const paths = {
  wecomToken: '/cgi-bin/gettoken',
  followUsers: '/cgi-bin/externalcontact/get_follow_user_list',
  departments: '/cgi-bin/department/list',
  oaToken: '/cgi-bin/token',
  menu: '/cgi-bin/menu/get',
  login: '/sns/jscode2session',
};
const ip60020 =
  'not allow to access from your ip, hint: [1700000000_12_abcdef], from ip: 203.0.113.7, more info at https://open.work.weixin.qq.com/devtool/query?e=60020';

describe('setup doctor', () => {
  let t: TestApp;
  let server: ScriptedServer;

  async function examine(input: CreateConnectionInput, lang: DoctorLang = 'en') {
    const row = await seedConnection(t, { ...input, apiBaseUrl: server.baseUrl });
    const time = fakeTime(t.clock.now());
    const http = {
      sleep: time.sleep,
      random: () => 0.5,
      rateLimiter: new InProcessRateLimiter(time.clock, time.sleep),
    };
    const address = { workspaceSlug: 'default', base: publicBase('https://scrm.example.com') };
    const ctx = { db: t.database.db, clock: t.clock, secretBox: t.secretBox, http };
    return diagnose(ctx, row, address, lang);
  }
  const check = (report: DoctorReport, id: string) => {
    const found = report.checks.find((c) => c.id === id);
    if (!found) throw new Error(`no check ${id} in ${JSON.stringify(report.checks)}`);
    return found;
  };
  const statuses = (report: DoctorReport) =>
    Object.fromEntries(report.checks.map((c) => [c.id, c.status]));

  beforeEach(async () => {
    t = await createTestApp();
    server = await ScriptedServer.start();
  });
  afterEach(async () => {
    await server.close();
    await t.close();
  });

  describe('WeCom', () => {
    beforeEach(() => {
      server.issueTokens();
    });

    it('passes token, customer contact and address book; fails a callback URL never verified', async () => {
      server.reply(paths.followUsers, { errcode: 0, follow_user: ['zhangsan', 'lisi'] });
      server.reply(paths.departments, { errcode: 0, department: [{ id: 1, name: '总部' }] });
      const report = await examine(wecomInput);
      expect(statuses(report)).toEqual({
        'wecom.token': 'ok',
        'wecom.customer_contact': 'ok',
        'wecom.address_book': 'ok',
        'wecom.callback': 'fail',
      });
      expect(report.status).toBe('fail');
      expect(check(report, 'wecom.customer_contact').detail).toContain('2 employee(s)');
      const callback = check(report, 'wecom.callback');
      expect(callback.title).toBe('The callback URL has never been verified');
      expect(callback.fix).toContain('https://scrm.example.com/callbacks/default/wecom');
      expect(callback.fix).toContain('Token and EncodingAESKey');
      expect(callback.fix).toContain('ICP-filed');
      expect(callback.fix).toContain('within 1 second');
      expect(server.received(paths.wecomToken)[0]!.query).toMatchObject({
        corpid: wecomInput.corpId,
        corpsecret: wecomInput.secret,
      });
    });

    it('explains 40001: a wrong secret, or another app’s; the other API checks are skipped', async () => {
      server.reply(paths.wecomToken, { errcode: 40001, errmsg: 'invalid credential' });
      const report = await examine(wecomInput);
      const token = check(report, 'wecom.token');
      expect(token).toMatchObject({ status: 'fail', title: 'The Secret is wrong' });
      expect(token.detail).toContain('secret of another app');
      expect(token.fix).toContain('应用管理 → 自建应用');
      expect(check(report, 'wecom.customer_contact')).toMatchObject({ status: 'warn' });
      expect(check(report, 'wecom.customer_contact').detail).toContain('no access token');
      expect(server.received(paths.followUsers)).toEqual([]);
    });

    it('explains 40013: a wrong corp ID', async () => {
      server.reply(paths.wecomToken, { errcode: 40013, errmsg: 'invalid corpid' });
      const token = check(await examine(wecomInput), 'wecom.token');
      expect(token).toMatchObject({ status: 'fail', title: 'The corp ID is wrong' });
      expect(token.fix).toContain('我的企业 → 企业信息 → 企业ID');
    });

    it('explains 60020 with the egress IP WeCom saw and where to trust it', async () => {
      server.reply(paths.wecomToken, { errcode: 60020, errmsg: ip60020 });
      const token = check(await examine(wecomInput), 'wecom.token');
      expect(token.status).toBe('fail');
      expect(token.title).toBe("This server's IP address is not trusted");
      expect(token.detail).toContain('203.0.113.7');
      expect(token.fix).toBe(
        "Add 203.0.113.7 to the WeCom admin: 应用管理 → 自建应用 → (your app) → 企业可信IP. If the server's egress IP changes, add every address it uses.",
      );
      const zh = check(await examineAgainZh(), 'wecom.token');
      expect(zh.title).toBe('本服务器的IP不在可信IP列表中');
      expect(zh.fix).toContain(
        '把 203.0.113.7 加入企业微信管理后台：应用管理 → 自建应用 →（你的应用）→ 企业可信IP',
      );
    });

    async function examineAgainZh() {
      await t.database.db.deleteFrom('connection').execute();
      server.reply(paths.wecomToken, { errcode: 60020, errmsg: ip60020 });
      return examine(wecomInput, 'zh-CN');
    }

    it('explains 48002: the app was not granted customer contact', async () => {
      server.reply(paths.followUsers, { errcode: 48002, errmsg: 'api forbidden' });
      server.reply(paths.departments, { errcode: 0, department: [{ id: 1 }] });
      const contact = check(await examine(wecomInput), 'wecom.customer_contact');
      expect(contact).toMatchObject({
        status: 'fail',
        title: 'The app may not call customer-contact APIs',
      });
      expect(contact.fix).toContain('客户联系 → API → 可调用接口的应用');
    });

    it('explains 60011 on customer contact and on the address book (visible range)', async () => {
      server.reply(paths.followUsers, {
        errcode: 60011,
        errmsg: 'no privilege to access/modify contact/party/agent',
      });
      server.reply(paths.departments, {
        errcode: 60011,
        errmsg: 'no privilege to access/modify contact/party/agent',
      });
      const report = await examine(wecomInput);
      expect(check(report, 'wecom.customer_contact').fix).toContain('可见范围');
      const book = check(report, 'wecom.address_book');
      expect(book).toMatchObject({ status: 'fail', title: 'The app’s visible range is too small' });
      expect(book.fix).toContain('应用管理 → 自建应用 → (your app) → 可见范围');
    });

    it('warns when no employee has customer-contact permission', async () => {
      server.reply(paths.followUsers, { errcode: 0, follow_user: [] });
      server.reply(paths.departments, { errcode: 0, department: [{ id: 1 }] });
      const contact = check(await examine(wecomInput), 'wecom.customer_contact');
      expect(contact.status).toBe('warn');
      expect(contact.fix).toContain('客户联系 → 权限配置');
    });

    it('warns, not fails, when WeCom cannot be reached or is busy', async () => {
      server.default(paths.wecomToken, { errcode: -1, errmsg: 'system busy' });
      const token = check(await examine(wecomInput), 'wecom.token');
      expect(token.status).toBe('warn');
      expect(token.detail).toBe('Could not reach WeCom (-1 system busy).');
      expect(server.received(paths.wecomToken)).toHaveLength(2);
    });

    it('reports callbacks seen: verified and arriving is ok, verified and silent is a warning', async () => {
      server.default(paths.followUsers, { errcode: 0, follow_user: ['a'] });
      server.default(paths.departments, { errcode: 0, department: [{ id: 1 }] });
      const verifiedAt = t.clock.now() - 3 * 3_600_000;
      await t.database.db.deleteFrom('connection').execute();
      const row = await seedConnection(t, { ...wecomInput, apiBaseUrl: server.baseUrl });
      await t.database.db
        .updateTable('connection')
        .set({ callback_verified_at: verifiedAt })
        .where('id', '=', row.id)
        .execute();
      const silent = await diagnose(
        { db: t.database.db, clock: t.clock, secretBox: t.secretBox },
        await t.database.db.selectFrom('connection').selectAll().executeTakeFirstOrThrow(),
        { workspaceSlug: 'default', base: publicBase('https://scrm.example.com') },
        'en',
      );
      expect(check(silent, 'wecom.callback')).toMatchObject({
        status: 'warn',
        title: 'Callback URL verified; no callback received yet',
      });
      await t.database.db
        .updateTable('connection')
        .set({ last_callback_at: t.clock.now() - 5 * 60_000 })
        .execute();
      const arriving = await diagnose(
        { db: t.database.db, clock: t.clock, secretBox: t.secretBox },
        await t.database.db.selectFrom('connection').selectAll().executeTakeFirstOrThrow(),
        { workspaceSlug: 'default', base: publicBase('http://192.168.1.20:3000') },
        'zh-CN',
      );
      const callback = check(arriving, 'wecom.callback');
      expect(callback.detail).toBe(
        'URL 于3 小时前验证；最近一次回调在5 分钟前。 注意：微信服务器无法访问该主机：请把 SIYU_PUBLIC_URL 设置为本系统的公网 https 地址。',
      );
      expect(callback.status).toBe('warn');
      expect(arriving.status).toBe('warn');
    });
  });

  describe('Official Account', () => {
    it('passes token and menu; explains an unverified account (48001)', async () => {
      server.issueTokens();
      server.reply(paths.menu, { menu: { button: [{ type: 'click', name: '今日', key: 'K1' }] } });
      const ok = await examine(oaInput);
      expect(statuses(ok)).toEqual({ 'oa.token': 'ok', 'oa.menu': 'ok', 'oa.callback': 'fail' });
      expect(check(ok, 'oa.callback').fix).toContain(
        'https://scrm.example.com/callbacks/default/oa/wx5823bf96d3bd56c7',
      );
      expect(check(ok, 'oa.callback').fix).toContain('设置与开发 → 基本配置 → 服务器配置');

      await t.database.db.deleteFrom('connection').execute();
      server.reply(paths.menu, { errcode: 48001, errmsg: 'api unauthorized' });
      const menu = check(await examine(oaInput), 'oa.menu');
      expect(menu).toMatchObject({ status: 'fail', title: 'The account is not verified' });
      expect(menu.fix).toContain('微信认证');
    });

    it('explains a wrong AppSecret (40125) and an untrusted IP (40164)', async () => {
      server.reply(paths.oaToken, { errcode: 40125, errmsg: 'invalid appsecret' });
      const secret = check(await examine(oaInput), 'oa.token');
      expect(secret).toMatchObject({ status: 'fail', title: 'The AppSecret is wrong' });
      expect(secret.fix).toContain('设置与开发 → 基本配置');
      expect(server.received(paths.menu)).toEqual([]);

      await t.database.db.deleteFrom('connection').execute();
      server.reply(paths.oaToken, {
        errcode: 40164,
        errmsg: 'invalid ip 198.51.100.4 ipv6 ::ffff:198.51.100.4, not in whitelist rid: 1',
      });
      const ip = check(await examine(oaInput, 'zh-CN'), 'oa.token');
      expect(ip.status).toBe('fail');
      expect(ip.fix).toContain(
        '把 198.51.100.4 加入微信公众平台：设置与开发 → 基本配置 → IP白名单',
      );
    });
  });

  describe('Mini Program', () => {
    const mp = {
      kind: 'miniprogram',
      appId: 'wx2222222222222222',
      secret: oaInput.secret,
    } as const;

    it('takes 40029 (invalid code) as proof that AppID and AppSecret are right', async () => {
      server.reply(paths.login, { errcode: 40029, errmsg: 'invalid code' });
      const report = await examine(mp);
      expect(report.status).toBe('ok');
      expect(check(report, 'miniprogram.credentials').status).toBe('ok');
      expect(server.received(paths.login)[0]!.query).toMatchObject({
        appid: mp.appId,
        js_code: 'siyu-doctor-probe-not-a-real-code',
      });
    });

    it('explains a wrong AppSecret (40125) and a wrong AppID (40013)', async () => {
      server.reply(paths.login, { errcode: 40125, errmsg: 'invalid appsecret' });
      const secret = check(await examine(mp), 'miniprogram.credentials');
      expect(secret).toMatchObject({ status: 'fail', title: 'The AppSecret is wrong' });
      expect(secret.fix).toContain('开发管理 → 开发设置');
      await t.database.db.deleteFrom('connection').execute();
      server.reply(paths.login, { errcode: 40013, errmsg: 'invalid appid' });
      const appId = check(await examine(mp, 'zh-CN'), 'miniprogram.credentials');
      expect(appId).toMatchObject({ status: 'fail', title: 'AppID 不正确' });
    });
  });

  describe('API', () => {
    it('checks one connection or all, in the asked language or the user’s', async () => {
      server.issueTokens();
      server.default(paths.followUsers, { errcode: 0, follow_user: ['a'] });
      server.default(paths.departments, { errcode: 0, department: [{ id: 1 }] });
      server.default(paths.login, { errcode: 40029, errmsg: 'invalid code' });
      const wecom = await seedConnection(t, { ...wecomInput, apiBaseUrl: server.baseUrl });
      t.clock.advance(1000);
      await seedConnection(t, {
        kind: 'miniprogram',
        appId: 'wx2222222222222222',
        secret: oaInput.secret,
        apiBaseUrl: server.baseUrl,
      });
      const owner = await signedInAs(t, 'owner');
      const base = '/api/workspaces/default/connections';

      const one = await owner.inject({ method: 'GET', url: `${base}/${wecom.id}/doctor?lang=en` });
      expect(one.statusCode).toBe(200);
      expect(one.json()).toMatchObject({
        connectionId: wecom.id,
        kind: 'wecom',
        status: 'fail',
        checks: [
          { id: 'wecom.token', status: 'ok', title: 'Corp ID and Secret' },
          { id: 'wecom.customer_contact', status: 'ok' },
          { id: 'wecom.address_book', status: 'ok' },
          { id: 'wecom.callback', status: 'fail' },
        ],
      });
      expect(one.body).not.toContain(wecomInput.secret);

      const all = await owner.inject({ method: 'GET', url: `${base}/doctor` });
      const items = (all.json() as { items: DoctorReport[] }).items;
      expect(items.map((r) => [r.kind, r.status])).toEqual([
        ['wecom', 'fail'],
        ['miniprogram', 'ok'],
      ]);
      // The user's locale (zh-CN by default) picks the language.
      expect(items[0]!.checks[0]!.title).toBe('企业ID与Secret');

      const operator = await signedInAs(t, 'operator');
      expect((await operator.inject({ method: 'GET', url: `${base}/doctor` })).statusCode).toBe(
        403,
      );
      const missing = await owner.inject({ method: 'GET', url: `${base}/${wecom.app_id}/doctor` });
      expect(missing.statusCode).toBe(404);
    });
  });
});
